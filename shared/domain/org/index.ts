/** @module The org network: tree queries, visibility, the dispatch catalogue and the demo generator. */

export {
  BENCH_NETWORK_OPTIONS,
  benchNetwork,
  CITY_UNITS,
  COUNTY_DEPARTMENTS,
  COUNTY_ENTERPRISES,
  DEMO_NETWORK_OPTIONS,
  demoNetwork,
  generateNetwork,
  type NetworkOptions,
  PROVINCE_UNITS,
  SEED_UPDATED_AT,
} from './demo-network';
export {
  type DispatchRule,
  DispatchRuleSchema,
  generateDispatchCatalogue,
  suggestUnits,
} from './dispatch-catalogue';
export {
  ancestors,
  buildOrgTree,
  canSee,
  isAncestorOrSelf,
  nearestCentre,
  type OrgTree,
  OrgTreeError,
  type OrgTreeErrorReason,
  pathNames,
  subtree,
  visibleUnits,
} from './tree';
