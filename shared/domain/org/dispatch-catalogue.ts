/**
 * @module
 * The dispatch catalogue (派单目录): which handling unit takes which topic in
 * which area. A rule keyed on a township covers that township; one keyed on a
 * centre covers its whole area, so a county rule overrides a city rule and a
 * city rule fills in for a county that has no such department.
 */
import { z } from 'zod';
import { UnitIdSchema } from '../../schema/org-unit';
import { TOPICS, TopicSchema } from '../topics';
import { SEED_UPDATED_AT } from './demo-network';
import { ancestors, type OrgTree } from './tree';

export const DispatchRuleSchema = z.strictObject({
  id: z.string().min(1).max(160),
  topicCode: TopicSchema.shape.code,
  /** A centre (its whole area) or a township (just its own). */
  areaUnitId: UnitIdSchema,
  /** The handling unit the matter goes to. */
  unitId: UnitIdSchema,
  // Rules replicate last-writer-wins like other records, so retiring one
  // must be an update, not a deletion a replica would never hear about.
  active: z.boolean(),
  updatedAt: z.string().max(80),
});
export type DispatchRule = z.infer<typeof DispatchRuleSchema>;

/**
 * The handling units the catalogue names for a topic in an area, sorted by id:
 * the rules for the area itself win; failing those, the nearest ancestor with
 * rules. Inactive rules and rules naming an inactive or unknown unit are
 * skipped, so a retired department never gets a suggestion. `[]` when the
 * catalogue is silent and the dispatcher must choose.
 *
 * @example
 * suggestUnits(tree, rules, 'water-supply', 'c01-k02-t03'); // ['c01-k02-e01']
 */
export function suggestUnits(
  tree: OrgTree,
  rules: readonly DispatchRule[],
  topicCode: string,
  areaUnitId: string,
): string[] {
  const byArea = new Map<string, Set<string>>();
  for (const rule of rules) {
    if (!rule.active || rule.topicCode !== topicCode) continue;
    if (tree.get(rule.unitId)?.active !== true) continue;
    const units = byArea.get(rule.areaUnitId);
    if (units) units.add(rule.unitId);
    else byArea.set(rule.areaUnitId, new Set([rule.unitId]));
  }
  // An area this replica does not know has no ancestors to fall back on.
  const areas = tree.has(areaUnitId) ? [areaUnitId, ...ancestors(tree, areaUnitId)] : [areaUnitId];
  for (const area of areas) {
    const units = byArea.get(area);
    if (units) return [...units].sort();
  }
  return [];
}

/**
 * A plausible catalogue for a generated network: at every centre, each
 * department or utility topic goes to the centre's own unit of that duty
 * (matched by the generic name ending the unit's name, e.g. 青川县自来水公司
 * for 自来水公司); each township takes the neighbourhood topics in its own area.
 *
 * @example
 * const tree = buildOrgTree(demoNetwork());
 * suggestUnits(tree, generateDispatchCatalogue(tree), 'noise', 'c01-k02-t05'); // ['c01-k02-t05']
 */
export function generateDispatchCatalogue(
  tree: OrgTree,
  updatedAt: string = SEED_UPDATED_AT,
): DispatchRule[] {
  const rules: DispatchRule[] = [];
  const rule = (topicCode: string, areaUnitId: string, unitId: string): DispatchRule => ({
    id: `${areaUnitId}/${topicCode}/${unitId}`,
    topicCode,
    areaUnitId,
    unitId,
    active: true,
    updatedAt,
  });
  const townshipTopics = TOPICS.filter((t) => t.defaultUnitLevel === 'township');
  const dutyTopics = TOPICS.filter((t) => t.defaultUnitName !== undefined);

  for (const unit of tree.all()) {
    if (unit.kind === 'centre') {
      const handlers = tree.children(unit.id).filter((c) => c.kind === 'handling' && c.active);
      for (const topic of dutyTopics) {
        for (const handler of handlers) {
          if (
            handler.level === topic.defaultUnitLevel &&
            handler.name.endsWith(topic.defaultUnitName ?? '')
          ) {
            rules.push(rule(topic.code, unit.id, handler.id));
          }
        }
      }
    } else if (unit.level === 'township' && unit.active) {
      for (const topic of townshipTopics) rules.push(rule(topic.code, unit.id, unit.id));
    }
  }
  return rules;
}
