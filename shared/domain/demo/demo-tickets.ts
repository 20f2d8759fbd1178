/**
 * @module
 * Deterministic demo data over the demo network: one user per post at every
 * unit, and tickets in every queue status spread over the 60 days before a
 * given instant — the server seeds its database with them, the PWA's
 * screenshots show them, tests fold them. Each ticket is told as a story by
 * the people whose post allows each step, so every event passes the static
 * check and the fold applies all of them (no conflicts). Same options, same
 * output: randomness comes from a seeded mulberry32, never `Math.random`.
 */
import { formatHlc } from '../../lib/hlc';
import { mulberry32 } from '../../lib/random';
import type { OrgUnit } from '../../schema/org-unit';
import type {
  Channel,
  EmergencyService,
  Role,
  Satisfaction,
  TicketCategory,
  Urgency,
} from '../../schema/ticket-enums';
import type { Actor, EventData, TicketEvent, TicketEventType } from '../../schema/ticket-event';
import type { TicketCounter } from '../../schema/ticket-number';
import {
  addWorkingDays,
  createCalendar,
  extendDeadline,
  shanghaiDate,
  TIME_LIMIT_WORKING_DAYS,
  type WorkingCalendar,
} from '../calendar';
import { callerKey } from '../caller-key';
import {
  ancestors,
  buildOrgTree,
  type DispatchRule,
  generateDispatchCatalogue,
  isAncestorOrSelf,
  type OrgTree,
  suggestUnits,
} from '../org';
import { nextTicketNumber } from '../ticket-number';
import {
  COMPANIES,
  EMERGENCY_CALLS,
  EMPLOYERS,
  ESTATES,
  GIVEN_NAMES,
  type LocationKind,
  NOTES,
  OUT_OF_SCOPE_CALLS,
  ROADS,
  SATISFIED_COMMENTS,
  SCHOOLS,
  SHOPS,
  SURNAMES,
  TOPIC_SCRIPTS,
  type TopicScript,
  UNSATISFIED_COMMENTS,
} from './names';

export interface DemoContact {
  name: string;
  phone: string;
  address: string;
  employer: string;
}

export interface DemoTicket {
  ticketId: string;
  /** valid per `TicketEventSchema`, in HLC order */
  events: TicketEvent[];
  /** the caller's contact as the intake centre holds it; null for an anonymous caller */
  contact: DemoContact | null;
}

export interface DemoUser {
  id: string;
  name: string;
  unitId: string;
  roles: Role[];
}

export interface DemoTicketOptions {
  units: readonly OrgUnit[];
  count: number;
  seed: number;
  /** epoch ms: no event is later; tickets start within the 60 days before it */
  now: number;
  networkSecret: string;
}

// ---------------------------------------------------------------- randomness

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
}

/** A per-ticket seed, so one ticket's story never shifts another's. */
function mix(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------- users

const CENTRE_POSTS: readonly (readonly [Role, string])[] = [
  ['operator', 'op'],
  ['dispatcher', 'disp'],
  ['callback_agent', 'cb'],
  ['supervisor', 'sv'],
  ['leader', 'ld'],
  ['inspector', 'qi'],
];
const PROVINCE_POSTS: readonly (readonly [Role, string])[] = [...CENTRE_POSTS, ['admin', 'adm']];
const UNIT_POSTS: readonly (readonly [Role, string])[] = [
  ['handler', 'h'],
  ['unit_reviewer', 'r'],
];

function personName(rng: Rng, taken: Set<string>): string {
  for (let i = 0; i < 100; i++) {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const name = `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}${taken.size}`;
  taken.add(name);
  return name;
}

/**
 * One user per post: at every centre an operator, dispatcher, callback agent,
 * supervisor, leader and inspector (and an admin at the province); at every
 * handling unit a handler and a unit reviewer. Ids are the unit id plus the
 * post, e.g. 'c01-k01-op', 'c01-k01-t01-h'.
 * @example
 * demoUsers(demoNetwork()).find((u) => u.id === 'c01-k01-disp')?.roles; // ['dispatcher']
 */
export function demoUsers(units: readonly OrgUnit[]): DemoUser[] {
  const rng = new Rng(20260101);
  const taken = new Set<string>();
  const users: DemoUser[] = [];
  for (const unit of units) {
    const posts =
      unit.kind === 'handling'
        ? UNIT_POSTS
        : unit.level === 'province'
          ? PROVINCE_POSTS
          : CENTRE_POSTS;
    for (const [role, abbr] of posts) {
      users.push({
        id: `${unit.id}-${abbr}`,
        name: personName(rng, taken),
        unitId: unit.id,
        roles: [role],
      });
    }
  }
  return users;
}

// ---------------------------------------------------------------- scenarios

/** Where a dispatched ticket's story stops: each maps to one queue status. */
type Stage =
  | 'review' // pending_review
  | 'instruction' // pending_instruction
  | 'sign' // pending_sign
  | 'return' // return_pending
  | 'redispatch' // pending_redispatch
  | 'handling'
  | 'overdue' // handling, past the deadline
  | 'centre_review' // pending_centre_review
  | 'callback' // pending_callback
  | 'unsatisfied' // callback_unsatisfied
  | 'archive' // pending_archive
  | 'archived';

type Kind = 'flow' | 'answer' | 'referral' | 'emergency' | 'merge';
type Intake = 'county' | 'city' | 'province';
type Mode = 'time_limited' | 'committed' | 'co_signed';

interface Spec {
  kind: Kind;
  stage: Stage;
  /** closed kinds: archived afterwards */
  archive: boolean;
  intake: Intake;
  mode: Mode;
  leader: boolean;
  /** dispatched to the wrong unit first, which returns it */
  wrongFirst: boolean;
  /** the unit's return is rejected (首接负责制) */
  returnRejected: boolean;
  extension: boolean;
  urge: boolean;
  supervise: boolean;
  redo: boolean;
  sendBack: boolean;
  unitReject: boolean;
  unreached: boolean;
  /** confidential whistleblowing (举报) */
  report: boolean;
  repeat: boolean;
  correct: boolean;
}

const BASE_SPEC: Spec = {
  kind: 'flow',
  stage: 'archived',
  archive: false,
  intake: 'county',
  mode: 'time_limited',
  leader: false,
  wrongFirst: false,
  returnRejected: false,
  extension: false,
  urge: false,
  supervise: false,
  redo: false,
  sendBack: false,
  unitReject: false,
  unreached: false,
  report: false,
  repeat: false,
  correct: false,
};

/** Makes flags agree: features that need a direct county dispatch force one. */
function normalize(spec: Spec): Spec {
  const s = { ...spec };
  if (s.stage === 'instruction') s.leader = true;
  if (s.stage === 'return' || s.stage === 'redispatch') s.wrongFirst = true;
  if (s.stage === 'unsatisfied') s.redo = true;
  if (s.redo && !['unsatisfied', 'archive', 'archived'].includes(s.stage)) s.redo = false;
  if (s.wrongFirst || s.returnRejected) {
    if (s.mode === 'co_signed') s.mode = 'time_limited';
    if (s.wrongFirst) s.returnRejected = false;
  }
  if (s.leader || s.wrongFirst || s.returnRejected || s.redo || s.mode !== 'time_limited') {
    s.intake = 'county';
  }
  return s;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const WINDOW = 60 * DAY;

/** How long before `now` a story stopping at a stage last moved, in hours; null: anywhere in the window. */
const LAG: Readonly<Record<Stage, readonly [number, number] | null>> = {
  review: [0.1, 3],
  instruction: [0.5, 18],
  sign: [0.5, 16],
  return: [0.5, 10],
  redispatch: [0.2, 6],
  handling: [1, 30],
  overdue: [6, 96],
  centre_review: [0.5, 20],
  callback: [1, 40],
  unsatisfied: [0.5, 20],
  archive: [0.5, 30],
  archived: null,
};

/** The scenarios every demo set of 300+ tickets carries a few of (fewer for small sets). */
const GUARANTEED: readonly Partial<Spec>[] = [
  { stage: 'review' },
  { stage: 'review', correct: true },
  { stage: 'instruction' },
  { stage: 'sign' },
  { stage: 'return' },
  { stage: 'redispatch' },
  { stage: 'handling' },
  { stage: 'handling', mode: 'committed' },
  { stage: 'overdue', urge: true },
  { stage: 'overdue', supervise: true },
  { stage: 'centre_review' },
  { stage: 'callback', unreached: true },
  { stage: 'unsatisfied' },
  { stage: 'archive' },
  { stage: 'archived' },
  { stage: 'archived', mode: 'co_signed' },
  { stage: 'archived', mode: 'committed' },
  { stage: 'archived', extension: true },
  { stage: 'archived', redo: true },
  { stage: 'archived', urge: true, supervise: true },
  { stage: 'archived', report: true },
  { stage: 'handling', report: true },
  { stage: 'archived', repeat: true },
  { stage: 'archived', intake: 'province' },
  { stage: 'archived', intake: 'city' },
  { stage: 'archived', returnRejected: true },
  { stage: 'archived', leader: true },
  { kind: 'answer' },
  { kind: 'referral' },
  { kind: 'emergency' },
  { kind: 'merge' },
];

function randomSpec(rng: Rng): Spec {
  const kind = rng.weighted<Kind>([
    ['flow', 81],
    ['answer', 13],
    ['referral', 2.5],
    ['emergency', 1.5],
    ['merge', 2],
  ]);
  if (kind !== 'flow') return { ...BASE_SPEC, kind, archive: rng.chance(0.55) };
  const stage = rng.weighted<Stage>([
    ['archived', 58],
    ['archive', 4],
    ['callback', 5],
    ['unsatisfied', 1.5],
    ['centre_review', 3],
    ['handling', 10],
    ['overdue', 3],
    ['sign', 4],
    ['return', 1],
    ['redispatch', 0.7],
    ['review', 3],
    ['instruction', 1],
  ]);
  return normalize({
    ...BASE_SPEC,
    stage,
    intake: rng.weighted<Intake>([
      ['county', 86],
      ['city', 9],
      ['province', 5],
    ]),
    mode: rng.weighted<Mode>([
      ['time_limited', 86],
      ['committed', 8],
      ['co_signed', 6],
    ]),
    leader: rng.chance(0.03),
    wrongFirst: rng.chance(0.03),
    returnRejected: rng.chance(0.02),
    extension: rng.chance(0.07),
    urge: rng.chance(0.1) || stage === 'overdue',
    supervise: rng.chance(0.03),
    redo: rng.chance(0.05),
    sendBack: rng.chance(0.04),
    unitReject: rng.chance(0.05),
    unreached: rng.chance(0.1),
    report: rng.chance(0.05),
    repeat: rng.chance(0.08),
    correct: rng.chance(0.04),
  });
}

// ---------------------------------------------------------------- the world

type Hours = 'any' | 'centre' | 'office';
type Body = {
  [T in TicketEventType]: { type: T; actor: Actor; data: EventData<T> };
}[TicketEventType];

interface DraftEvent {
  millis: number;
  node: string;
  body: Body;
}

/** What later tickets need to know of an earlier one (repeat calls, merges). */
interface Told {
  index: number;
  created: number;
  /** when it stopped taking work (closed or archived), null while open */
  closedAt: number | null;
  centreId: string;
  topic: string;
  areaId: string;
  location: string;
  vars: Vars;
  contact: DemoContact | null;
  linkable: boolean;
  events: DraftEvent[];
  mergeInto: number | null;
}

type Vars = Record<string, string>;

function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? '');
}

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '158',
  '159',
  '177',
  '180',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '199',
];

class World {
  readonly tree: OrgTree;
  readonly rules: DispatchRule[];
  readonly cal: WorkingCalendar = createCalendar();
  readonly counties: OrgUnit[];
  private readonly users = new Map<string, DemoUser>();
  private readonly keys = new Map<string, string>();

  constructor(
    units: readonly OrgUnit[],
    private readonly secret: string,
  ) {
    this.tree = buildOrgTree(units);
    this.rules = generateDispatchCatalogue(this.tree);
    this.counties = this.tree
      .all()
      .filter((u) => u.level === 'county' && u.active && this.townships(u.id).length > 0);
    if (this.counties.length === 0)
      throw new RangeError('the network has no county with townships');
    for (const user of demoUsers(units)) {
      for (const role of user.roles) this.users.set(`${user.unitId}/${role}`, user);
    }
  }

  townships(countyId: string): OrgUnit[] {
    return this.tree.children(countyId).filter((u) => u.level === 'township' && u.active);
  }

  user(unitId: string, role: Role): DemoUser {
    const user = this.users.get(`${unitId}/${role}`);
    if (!user) throw new RangeError(`no demo ${role} at ${unitId}`);
    return user;
  }

  callerKey(phone: string): string {
    let key = this.keys.get(phone);
    if (key === undefined) {
      key = callerKey(phone, this.secret);
      this.keys.set(phone, key);
    }
    return key;
  }

  placeName(countyId: string): string {
    return (this.tree.get(countyId)?.shortName ?? '').replace(/热线办$/, '');
  }

  /** The centres a ticket passes from `centre` (exclusive) down to the one that dispatches `target`. */
  handDownPath(centre: string, target: string): string[] {
    return ancestors(this.tree, target)
      .filter(
        (id) =>
          id !== centre &&
          this.tree.get(id)?.kind === 'centre' &&
          isAncestorOrSelf(this.tree, centre, id),
      )
      .reverse();
  }

  suggestions(topic: string, areaId: string): string[] {
    return suggestUnits(this.tree, this.rules, topic, areaId);
  }

  /** A second unit for a co-signed ticket: the township, or the county's urban management. */
  partner(countyId: string, lead: string, areaId: string): string {
    if (lead !== areaId) return areaId;
    const dept = this.tree
      .children(countyId)
      .find((u) => u.level === 'department' && u.name.endsWith('城市管理局'));
    const other = this.townships(countyId).find((u) => u.id !== areaId);
    return dept?.id ?? other?.id ?? areaId;
  }
}

function makeVars(w: World, r: Rng, county: string, area: string): Vars {
  const road = r.pick(ROADS);
  return {
    town: w.tree.get(area)?.name ?? '',
    county: w.placeName(county),
    xq: r.pick(ESTATES),
    road,
    road2: r.pick(ROADS.filter((x) => x !== road)),
    shop: r.pick(SHOPS),
    company: r.pick(COMPANIES),
    school: r.pick(SCHOOLS),
    building: String(r.int(1, 18)),
    n: String(r.int(6, 40)),
    m: String(r.int(2, 6)),
    amount: String(r.int(3, 30)),
    bus: String(r.int(1, 28)),
  };
}

/** The caller's home: the building they complain about, or somewhere in the township. */
function homeFor(r: Rng, v: Vars, kind: LocationKind): string {
  return kind === 'building'
    ? `${v.town}${v.road}${v.xq}${v.building}号楼`
    : `${v.town}${r.pick(ROADS)}${r.pick(ESTATES)}${r.int(1, 20)}号楼`;
}

/** A fictitious caller: invented name, a mobile number of a real prefix with random digits. */
function makeContact(r: Rng, home: string): DemoContact {
  return {
    name: personName(r, new Set()),
    phone: `${r.pick(PHONE_PREFIXES)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
    address: `${home}${r.int(1, 4)}单元${r.int(1, 18)}0${r.int(1, 4)}室`,
    employer: r.pick(EMPLOYERS),
  };
}

// ---------------------------------------------------------------- one story

interface Plan {
  centre: string;
  county: string;
  area: string;
  script: TopicScript;
  category: TicketCategory;
  description: string;
  location: string;
  vars: Vars;
  urgency: Urgency;
  channel: Channel;
  contact: DemoContact | null;
  targets: string[];
  path: string[];
}

class Story {
  readonly events: DraftEvent[] = [];
  t: number;
  private done = false;
  mergeInto: number | null = null;
  plan: Plan | null = null;
  closedAt: number | null = null;

  constructor(
    private readonly w: World,
    private readonly spec: Spec,
    private readonly r: Rng,
    t0: number,
    private readonly link: Told | null,
  ) {
    this.t = t0;
  }

  private stop(stage: Stage): void {
    if (this.spec.kind === 'flow' && this.spec.stage === stage) this.done = true;
  }

  /** Moves the clock on by a few minutes, then into the hours the next actor works. */
  private wait(minMinutes: number, maxMinutes: number, hours: Hours = 'centre'): void {
    this.t = this.snap(this.t + MINUTE * this.r.int(minMinutes, maxMinutes), hours);
  }

  private snap(ms: number, hours: Hours): number {
    if (hours === 'any') return ms;
    let t = ms;
    for (let i = 0; i < 40; i++) {
      const dayStart = Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
      const minute = Math.floor((t - dayStart) / MINUTE);
      if (hours === 'centre') {
        if (minute >= 480 && minute < 1320) return t;
        t = (minute < 480 ? dayStart : dayStart + DAY) + (480 + this.r.int(0, 60)) * MINUTE;
        continue;
      }
      const working = this.w.cal.isWorkingDay(shanghaiDate(t));
      if (working && ((minute >= 510 && minute < 720) || (minute >= 810 && minute < 1080)))
        return t;
      if (working && minute < 510) t = dayStart + (510 + this.r.int(0, 60)) * MINUTE;
      else if (working && minute >= 720 && minute < 810)
        t = dayStart + (810 + this.r.int(0, 40)) * MINUTE;
      else t = dayStart + DAY + (510 + this.r.int(0, 90)) * MINUTE;
    }
    return t;
  }

  private get unitHours(): Hours {
    return this.plan?.urgency === 'normal' ? 'office' : 'any';
  }

  private add<T extends TicketEventType>(
    type: T,
    unitId: string,
    role: Role,
    data: EventData<T>,
  ): void {
    if (this.done) return;
    const last = this.events[this.events.length - 1];
    if (last && this.t <= last.millis) this.t = last.millis + MINUTE;
    const user = this.w.user(unitId, role);
    this.events.push({
      millis: this.t,
      node: `demo-${user.id}`,
      body: { type, actor: { userId: user.id, role, unitId }, data } as Body,
    });
  }

  // -------------------------------------------------------------- planning

  private makePlan(): Plan {
    const { w, r, spec } = this;
    const link = this.link;
    let county = r.pick(w.counties).id;
    let area = r.pick(w.townships(county)).id;
    let script = this.pickScript();
    if (link) {
      area = link.areaId;
      county = w.tree.get(area)?.parentId ?? county;
      script = TOPIC_SCRIPTS.find((s) => s.code === link.topic) ?? script;
    }
    let intake = spec.intake;
    let targets = this.targetsFor(script.code, area, county);
    // A county cannot dispatch to a city's utility: such calls go to the city
    // platform, unless the story needs a county desk; then another topic.
    for (let i = 0; targets === null && !link && this.needsCounty() && i < 20; i++) {
      script = this.pickScript();
      targets = this.targetsFor(script.code, area, county);
    }
    if (targets === null) {
      const outside = w.suggestions(script.code, area)[0];
      if (outside && !this.needsCounty()) {
        if (intake === 'county') intake = 'city';
        targets = [outside];
      } else {
        targets = [area];
      }
    }
    if (spec.mode === 'co_signed' && targets.length === 1) {
      const lead = targets[0] as string;
      const partner = w.partner(county, lead, area);
      if (partner !== lead) targets = [lead, partner];
    }
    const city = w.tree.get(county)?.parentId ?? county;
    const centre = intake === 'county' ? county : intake === 'city' ? city : w.tree.root.id;
    const path = w.handDownPath(centre, targets[0] as string);

    const [category, text] = this.pickCall(script);
    const vars = link ? { ...link.vars } : makeVars(w, r, county, area);
    const location = link ? link.location : this.locationFor(script, vars);
    vars.loc = location;
    vars.unit = w.tree.get(targets[0] as string)?.shortName ?? '';
    let description = fill(text, vars);
    if (link) description = `来电人此前已就该问题反映过，至今未彻底解决，再次来电：${description}`;
    const anonymous = !link && !spec.repeat && r.chance(0.04);
    const contact =
      link?.contact ?? (anonymous ? null : makeContact(r, homeFor(r, vars, script.location)));
    return {
      centre,
      county,
      area,
      script,
      category: spec.report ? 'report' : category,
      description,
      location,
      vars,
      urgency: r.weighted<Urgency>([
        ['normal', 88],
        ['urgent', 10],
        ['critical', 2],
      ]),
      channel:
        contact === null
          ? r.pick<Channel>(['web', 'sms', 'wechat'])
          : r.weighted<Channel>([
              ['phone', 74],
              ['wechat', 9],
              ['web', 8],
              ['sms', 2],
              ['chat', 3],
              ['walk_in', 2],
              ['media', 1],
              ['upper_platform', intake === 'county' ? 1 : 0],
            ]),
      contact,
      targets,
      path,
    };
  }

  private needsCounty(): boolean {
    const s = this.spec;
    return s.kind === 'flow' && normalize({ ...s, intake: 'city' }).intake === 'county';
  }

  /** Units below the dispatching centre named by the catalogue; null when it names only units elsewhere. */
  private targetsFor(topic: string, area: string, county: string): string[] | null {
    const suggested = this.w.suggestions(topic, area);
    if (suggested.length === 0) return [area];
    const inside = suggested.filter(
      (u) => u !== county && isAncestorOrSelf(this.w.tree, county, u),
    );
    return inside.length > 0 ? [inside[0] as string] : null;
  }

  private pickScript(): TopicScript {
    const { spec, r } = this;
    const fits = (s: TopicScript): boolean => {
      if (spec.kind === 'answer') return s.answer !== undefined;
      if (spec.report) return s.calls.some(([c]) => c === 'report');
      return s.calls.some(([c]) => c !== 'report');
    };
    return r.weighted(TOPIC_SCRIPTS.filter(fits).map((s) => [s, s.weight] as const));
  }

  private pickCall(script: TopicScript): readonly [TicketCategory, string] {
    const { spec, r } = this;
    const calls = script.calls.filter(([c]) =>
      spec.kind === 'answer' ? c === 'consult' : spec.report ? c === 'report' : c !== 'report',
    );
    const pool = calls.length > 0 ? calls : script.calls;
    return r.weighted(pool.map(([c, weight, text]) => [[c, text] as const, weight] as const));
  }

  private locationFor(script: TopicScript, v: Vars): string {
    switch (script.location) {
      case 'building':
        return `${v.town}${v.road}${v.xq}${v.building}号楼`;
      case 'estate':
        return `${v.town}${v.road}${v.xq}`;
      case 'road':
        return `${v.town}${v.road}`;
      case 'shop':
        return `${v.town}${v.road}${v.n}号${v.shop}`;
      case 'company':
        return `${v.county}${v.company}`;
      case 'none':
        return '';
    }
  }

  // -------------------------------------------------------------- telling

  /** The ticket's events from the call to where its scenario stops. */
  tell(): void {
    const { spec } = this;
    if (spec.kind === 'emergency') {
      this.tellEmergency();
      return;
    }
    const p = this.makePlan();
    this.plan = p;
    if (spec.kind === 'referral') {
      this.tellReferral(p);
      return;
    }
    this.created(p, p.description, p.category, p.urgency);
    if (spec.kind === 'answer') {
      this.wait(3, 12, 'any');
      this.add('answered', p.centre, 'operator', {
        text: fill(p.script.answer ?? '已按知识库标准答案答复来电人。', p.vars),
        articleId: `kb-${p.script.code}`,
      });
      this.closeAndMaybeArchive(p.centre);
      return;
    }
    if (spec.kind === 'merge') {
      this.wait(5, 40);
      this.add('merged', p.centre, 'dispatcher', {
        intoTicketId: 'demo-placeholder',
        note: '与在办工单为同一诉求，并单办理。',
      });
      this.mergeInto = this.link?.index ?? null;
      this.closedAt = this.t;
      return;
    }
    this.tellFlow(p);
  }

  private created(p: Plan, description: string, category: TicketCategory, urgency: Urgency): void {
    const key = p.contact ? this.w.callerKey(p.contact.phone) : null;
    this.add('created', p.centre, 'operator', {
      number: '0000-000000-01-0000',
      channel: p.channel,
      category,
      topic: p.script.code,
      areaId: p.area,
      location: p.location,
      description,
      urgency,
      confidential: this.spec.report,
      confidentialityWaived: false,
      callerKey: key,
      ...(p.channel === 'upper_platform'
        ? { upperRef: `SJ${shanghaiDate(this.t).replaceAll('-', '')}${this.r.int(1000, 9999)}` }
        : {}),
    });
  }

  private closeAndMaybeArchive(centre: string): void {
    this.closedAt = this.t;
    if (!this.spec.archive) return;
    this.wait(60 * 20, 60 * 60);
    this.add('archived', centre, 'callback_agent', { note: '' });
  }

  private tellEmergency(): void {
    const { w, r } = this;
    const county = r.pick(w.counties).id;
    const area = r.pick(w.townships(county)).id;
    const [service, topic, text] = r.pick(EMERGENCY_CALLS);
    const script = TOPIC_SCRIPTS.find((s) => s.code === topic) ?? (TOPIC_SCRIPTS[0] as TopicScript);
    const vars = makeVars(w, r, county, area);
    const location =
      topic === 'gas'
        ? `${vars.town}${vars.road}${vars.xq}${vars.building}号楼`
        : `${vars.town}${vars.road}`;
    vars.loc = location;
    const p: Plan = {
      centre: county,
      county,
      area,
      script: { ...script, code: topic },
      category: 'help',
      description: fill(text, vars),
      location,
      vars,
      urgency: 'critical',
      channel: 'phone',
      contact: makeContact(r, homeFor(r, vars, 'building')),
      targets: [],
      path: [],
    };
    this.plan = p;
    this.created(p, p.description, 'help', 'critical');
    this.wait(1, 4, 'any');
    this.add('emergency_transferred', county, 'operator', {
      service: service as EmergencyService,
      note: `已三方转接${service}，并告知来电人注意安全。`,
    });
    this.closeAndMaybeArchive(county);
  }

  private tellReferral(p: Plan): void {
    const [reason, category, text, referTo] = this.r.pick(OUT_OF_SCOPE_CALLS);
    const plan: Plan = { ...p, location: '', area: p.county };
    this.plan = plan;
    this.created({ ...plan, script: { ...p.script, code: 'other' } }, text, category, 'normal');
    this.wait(2, 8, 'any');
    this.add('referred_out', p.centre, 'operator', {
      reason,
      referTo: fill(referTo, p.vars),
      note: referTo ? '已告知来电人向有关机关反映的途径和联系方式。' : '',
    });
    this.closeAndMaybeArchive(p.centre);
  }

  private limitDays(p: Plan): number | undefined {
    return p.urgency === 'critical' ? 1 : p.urgency === 'urgent' ? 2 : undefined;
  }

  private deadlineFrom(p: Plan, at: number): number {
    return addWorkingDays(this.w.cal, at, this.limitDays(p) ?? TIME_LIMIT_WORKING_DAYS[p.category]);
  }

  private tellFlow(p: Plan): void {
    const { spec } = this;
    const desk = p.path[p.path.length - 1] ?? p.centre;
    if (spec.correct) {
      this.wait(5, 30);
      this.add('corrected', p.centre, 'dispatcher', {
        changes: { urgency: 'urgent' },
        reason: '涉及老人和儿童安全，提升为紧急件。',
      });
      p.urgency = 'urgent';
    }
    this.stop('review');

    const top = p.path[0] ?? null;
    const wrong = spec.wrongFirst ? this.wrongUnit(p) : null;
    const firstUnits = top ? [top] : wrong ? [wrong] : p.targets;
    const dispatch: EventData<'dispatched'> = {
      mode: spec.mode === 'co_signed' && firstUnits.length < 2 ? 'time_limited' : spec.mode,
      units: firstUnits.map((unitId, i) => ({ unitId, lead: i === 0 })),
      ...(this.limitDays(p) ? { limitDays: this.limitDays(p) } : {}),
      note: top ? '请按属地和职责转办，按时反馈。' : '请按时限办理并回复来电人。',
    };
    if (spec.leader) {
      this.wait(10, 60);
      this.add('leader_routed', p.centre, 'dispatcher', {
        note: '群众反映强烈、涉及多个部门，呈请领导批示。',
      });
      this.stop('instruction');
      this.wait(20, 180);
      const unitName = this.w.tree.get(firstUnits[0] as string)?.shortName ?? '';
      this.add('leader_instructed', p.centre, 'leader', {
        instruction: `请${unitName}高度重视，主要负责同志亲自过问，按时办结并回复群众。`,
        dispatch,
      });
    } else {
      this.wait(8, 90);
      this.add('dispatched', p.centre, 'dispatcher', dispatch);
    }
    let deadline = this.deadlineFrom(p, this.t);
    this.stop('sign');

    let signed = false;
    if (wrong) {
      this.wait(30, 300, this.unitHours);
      const sameLevel =
        this.w.tree.get(wrong)?.level === this.w.tree.get(p.targets[0] as string)?.level;
      this.add('returned', wrong, 'handler', {
        unitId: wrong,
        reason: sameLevel ? 'wrong_area' : 'not_our_duty',
        note: `该事项属${p.vars.unit}职责范围，非本单位职能，申请退回重新派单。`,
      });
      this.stop('return');
      this.wait(10, 120);
      this.add('return_reviewed', p.centre, 'dispatcher', {
        unitId: wrong,
        decision: 'upheld',
        note: '退件理由成立，重新派单。',
      });
      this.stop('redispatch');
      this.wait(5, 60);
      this.add('dispatched', p.centre, 'dispatcher', {
        mode: 'time_limited',
        units: [{ unitId: p.targets[0] as string, lead: true }],
        ...(this.limitDays(p) ? { limitDays: this.limitDays(p) } : {}),
        note: '请按时限办理并回复来电人。',
      });
      deadline = this.deadlineFrom(p, this.t);
    } else if (spec.returnRejected && !top) {
      const unit = p.targets[0] as string;
      this.wait(30, 300, this.unitHours);
      this.add('returned', unit, 'handler', {
        unitId: unit,
        reason: 'not_our_duty',
        note: '该事项涉及多个部门，建议由其他单位牵头办理。',
      });
      this.wait(10, 120);
      this.add('return_reviewed', p.centre, 'dispatcher', {
        unitId: unit,
        decision: 'rejected',
        note: '按首接负责制，请贵单位牵头办理，需要配合的单位由你单位协调。',
      });
      signed = true;
    }

    for (let i = 0; i < p.path.length; i++) {
      const from = p.path[i] as string;
      const next = i + 1 < p.path.length ? [p.path[i + 1] as string] : p.targets;
      this.wait(10, 120);
      this.add('transferred', from, 'dispatcher', {
        fromUnitId: from,
        units: next.map((unitId, j) => ({ unitId, lead: j === 0 })),
        note: '请按职责办理并按时反馈。',
      });
    }

    deadline = this.work(p, desk, deadline, signed, true);
    const topUnits = this.reviewUpward(p);
    this.callbackAndClose(p, topUnits, desk, deadline);
  }

  private wrongUnit(p: Plan): string {
    const target = p.targets[0] as string;
    if (target !== p.area) return p.area;
    const other = this.w.townships(p.county).find((u) => u.id !== p.area);
    return other?.id ?? p.area;
  }

  /** Signing, handling and the units' replies; returns the deadline as extensions left it. */
  private work(p: Plan, desk: string, deadlineIn: number, signed: boolean, first: boolean): number {
    const { spec, r } = this;
    let deadline = deadlineIn;
    const hours = this.unitHours;
    const lead = p.targets[0] as string;
    if (!signed) {
      for (const unit of p.targets) {
        this.wait(10, 240, hours);
        this.add('signed', unit, r.chance(0.8) ? 'handler' : 'unit_reviewer', { unitId: unit });
      }
    }
    let promised: number | null = null;
    if (first && spec.mode === 'committed') {
      this.wait(120, 1440, hours);
      const date = shanghaiDate(deadline + r.int(5, 12) * DAY);
      promised = Date.parse(`${date}T23:59:00+08:00`);
      this.add('replied', lead, 'handler', {
        unitId: lead,
        kind: 'progress',
        text: `已对${p.location || '反映问题'}进行现场核查，需协调施工队伍进场处理，预计于${date}前办结，届时再行回复。`,
        promisedDate: date,
        contactedCaller: true,
      });
    }
    if (r.chance(0.6)) {
      this.wait(60, 600, hours);
      this.add('noted', lead, 'handler', { text: r.pick(NOTES) });
    }
    if (first && spec.extension) {
      this.t = Math.max(this.t, this.snap(deadline - r.int(20, 40) * HOUR, hours));
      this.wait(1, 30, hours);
      const days = r.int(3, 10);
      this.add('extension_requested', lead, 'handler', {
        unitId: lead,
        days,
        reason: `涉及多个部门协调，现场整改需要时间，无法在时限内办结，申请延期${days}个工作日。`,
      });
      this.wait(20, 240);
      this.add('extension_decided', desk, 'dispatcher', {
        unitId: lead,
        approved: true,
        note: '同意延期，请在延期时限内办结。',
      });
      deadline = extendDeadline(this.w.cal, deadline, days);
    }
    if (first && spec.urge && spec.stage !== 'overdue') {
      this.wait(60, 1440);
      this.add('urged', desk, 'supervisor', {
        unitId: lead,
        note: '该工单即将到期，请抓紧办理并按时回复。',
      });
    }
    if (first && spec.supervise && spec.stage !== 'overdue') {
      this.wait(60, 600);
      this.add('supervised', desk, 'supervisor', {
        unitId: lead,
        onSite: false,
        note: '群众多次反映，列入重点督办，请主要负责同志亲自过问。',
      });
    }
    this.stop('handling');
    if (spec.stage === 'overdue') {
      this.t = Math.max(this.t, this.snap(deadline + r.int(6, 60) * HOUR, 'centre'));
      this.add('urged', desk, 'supervisor', {
        unitId: lead,
        note: '该工单已超期，请立即办理并书面说明超期原因。',
      });
      if (spec.supervise) {
        this.wait(60, 1440);
        this.add('supervised', desk, 'leader', {
          unitId: lead,
          onSite: r.chance(0.3),
          note: '超期未办结，列入督办，限两个工作日内办结。',
        });
      }
      this.stop('overdue');
    }

    const due = promised ?? deadline;
    for (const unit of p.targets) this.reply(p, unit, due, first && unit === lead);
    return deadline;
  }

  private reply(p: Plan, unit: string, due: number, mayReject: boolean): void {
    const { r, spec } = this;
    const hours = this.unitHours;
    const room = due - 3 * HOUR - this.t;
    const start = this.t;
    this.t = this.snap(this.t + (room > 4 * HOUR ? r.between(2 * HOUR, room) : 2 * HOUR), hours);
    if (this.t > due - HOUR) this.t = start + r.int(30, 120) * MINUTE;
    const text = fill(r.pick(p.script.replies), { ...p.vars, unit: this.unitName(unit) });
    const reviewerReplies = !mayReject && r.chance(0.3);
    this.add('replied', unit, reviewerReplies ? 'unit_reviewer' : 'handler', {
      unitId: unit,
      kind: 'final',
      text,
      contactedCaller: true,
    });
    if (reviewerReplies) return;
    this.wait(20, 240, hours);
    if (mayReject && spec.unitReject) {
      this.add('unit_reviewed', unit, 'unit_reviewer', {
        unitId: unit,
        approved: false,
        note: '答复内容过于简单，请补充现场核查情况和整改时限。',
      });
      this.wait(60, 300, hours);
      this.add('replied', unit, 'handler', {
        unitId: unit,
        kind: 'final',
        text: `${text}（已补充现场核查照片及整改时限）`,
        contactedCaller: true,
      });
      this.wait(20, 120, hours);
    }
    this.add('unit_reviewed', unit, 'unit_reviewer', { unitId: unit, approved: true, note: '' });
  }

  private unitName(unit: string): string {
    return this.w.tree.get(unit)?.shortName ?? '';
  }

  /** Accepts replies up the hand-down path; returns the top-level units, reviewed and accepted. */
  private reviewUpward(p: Plan): string[] {
    const { r, spec } = this;
    let lower = p.targets;
    for (let i = p.path.length - 1; i >= 0; i--) {
      const unit = p.path[i] as string;
      for (const u of lower) {
        this.wait(30, 300);
        this.add('reviewed', unit, 'dispatcher', { unitId: u, decision: 'accept', note: '' });
      }
      this.wait(20, 240);
      // Every centre passes on what the unit that did the work wrote.
      const leaf = this.events
        .filter((e) => e.body.type === 'replied' && e.body.actor.role !== 'dispatcher')
        .at(-1)?.body;
      const summary = leaf?.type === 'replied' ? leaf.data.text : '已办结。';
      this.add('replied', unit, 'dispatcher', {
        unitId: unit,
        kind: 'final',
        text: `经转${this.unitName(lower[0] as string)}办理：${summary}`,
        contactedCaller: false,
      });
      lower = [unit];
    }
    if (spec.sendBack && p.path.length === 0) {
      const unit = lower[0] as string;
      this.wait(30, 300);
      this.add('reviewed', p.centre, 'dispatcher', {
        unitId: unit,
        decision: 'send_back',
        note: '答复未说明与来电人沟通情况，请补充后重新回复。',
      });
      this.wait(60, 600, this.unitHours);
      this.add('replied', unit, 'unit_reviewer', {
        unitId: unit,
        kind: 'final',
        text: `${fill(r.pick(p.script.replies), { ...p.vars, unit: this.unitName(unit) })}已于回复前电话联系来电人，来电人知晓处理结果。`,
        contactedCaller: true,
      });
    }
    this.stop('centre_review');
    for (const u of lower) {
      this.wait(30, 480);
      this.add('reviewed', p.centre, 'dispatcher', { unitId: u, decision: 'accept', note: '' });
    }
    return lower;
  }

  private callbackAndClose(p: Plan, topUnits: string[], desk: string, deadline: number): void {
    const { r, spec } = this;
    if (spec.unreached) {
      this.wait(60, 1200);
      this.add('callback_done', p.centre, 'callback_agent', {
        reached: false,
        falseReply: false,
        comment: '电话无人接听，择时再次回访。',
      });
    }
    this.stop('callback');
    this.wait(60, 1440);
    if (spec.redo) {
      this.add('callback_done', p.centre, 'callback_agent', {
        reached: true,
        solved: false,
        processSatisfaction: 'basically_satisfied',
        resultSatisfaction: 'unsatisfied',
        falseReply: r.chance(0.25),
        comment: r.pick(UNSATISFIED_COMMENTS),
      });
      this.stop('unsatisfied');
      this.wait(20, 300);
      this.add('redo', p.centre, 'callback_agent', {
        unitIds: topUnits,
        reason: '回访来电人反映问题未解决，退回承办单位重办。',
      });
      const redoDeadline = this.deadlineFrom(p, this.t);
      this.work(p, desk, Math.max(redoDeadline, deadline), true, false);
      this.reviewUpward({ ...p, path: [] });
      this.wait(60, 1440);
    }
    const sat = (): Satisfaction =>
      r.weighted<Satisfaction>([
        ['very_satisfied', 40],
        ['satisfied', 42],
        ['basically_satisfied', 18],
      ]);
    this.add('callback_done', p.centre, 'callback_agent', {
      reached: true,
      solved: true,
      processSatisfaction: sat(),
      resultSatisfaction: sat(),
      falseReply: false,
      comment: r.pick(SATISFIED_COMMENTS),
    });
    this.stop('archive');
    this.wait(30, 60 * 30);
    this.add('archived', p.centre, 'callback_agent', { note: '' });
    this.closedAt = this.t;
    this.stop('archived');
  }

  /** The incident cluster: `main` is handled under a leader's instruction, the others merged into it. */
  tellIncident(p: Plan, main: boolean, mainIndex: number): void {
    this.plan = p;
    this.created(p, p.description, 'help', 'critical');
    if (!main) {
      this.wait(4, 25, 'any');
      this.add('merged', p.centre, 'dispatcher', {
        intoTicketId: 'demo-placeholder',
        note: '同一楼栋裂缝事件，并入首报工单统一处置。',
      });
      this.mergeInto = mainIndex;
      this.closedAt = this.t;
      return;
    }
    const [dept, town] = p.targets as [string, string];
    this.wait(8, 15, 'any');
    this.add('leader_routed', p.centre, 'dispatcher', {
      note: '多名群众反映同一楼栋出现裂缝，疑似房屋安全险情，立即报值班领导。',
    });
    this.wait(5, 15, 'any');
    this.add('leader_instructed', p.centre, 'leader', {
      instruction: `请${this.unitName(dept)}牵头、${this.unitName(town)}配合，立即赶赴现场排查险情，必要时组织群众疏散，2小时内反馈初步情况。`,
      dispatch: {
        mode: 'co_signed',
        units: [
          { unitId: dept, lead: true },
          { unitId: town, lead: false },
        ],
        limitDays: 1,
        note: '突发险情，立即处置。',
      },
    });
    this.wait(5, 15, 'any');
    this.add('signed', town, 'handler', { unitId: town });
    this.wait(3, 12, 'any');
    this.add('signed', dept, 'handler', { unitId: dept });
    this.wait(20, 40, 'any');
    this.add('supervised', p.centre, 'leader', {
      unitId: dept,
      onSite: true,
      note: '值班领导带队赶赴现场督办。',
    });
    this.wait(60, 120, 'any');
    this.add('noted', town, 'handler', {
      text: `已组织${p.vars.xq}${p.vars.building}号楼住户临时疏散至社区活动中心，并设置警戒线。`,
    });
    this.wait(600, 900, 'any');
    this.add('replied', dept, 'unit_reviewer', {
      unitId: dept,
      kind: 'final',
      text: '经组织房屋安全鉴定机构连夜检测，裂缝系相邻工地基坑降水引起的不均匀沉降，主体结构暂无安全危险。已责令相邻工地停工并落实监测措施，开发企业负责修复，住户已于次日返回。',
      contactedCaller: true,
    });
    this.wait(30, 90, 'any');
    this.add('replied', town, 'unit_reviewer', {
      unitId: town,
      kind: 'final',
      text: '已配合做好住户疏散和安置工作，社区每日巡查楼栋情况，并逐户告知鉴定结论。',
      contactedCaller: true,
    });
    for (const unit of [dept, town]) {
      this.wait(20, 90);
      this.add('reviewed', p.centre, 'dispatcher', { unitId: unit, decision: 'accept', note: '' });
    }
    this.wait(120, 600);
    this.add('callback_done', p.centre, 'callback_agent', {
      reached: true,
      solved: true,
      processSatisfaction: 'very_satisfied',
      resultSatisfaction: 'satisfied',
      falseReply: false,
      comment: '处置很及时，领导连夜到现场，住户都很放心。',
    });
    this.wait(60, 1440);
    this.add('archived', p.centre, 'callback_agent', { note: '' });
    this.closedAt = this.t;
  }
}

// ---------------------------------------------------------------- generator

function shift(events: DraftEvent[], by: number): void {
  for (const e of events) e.millis -= by;
}

/** Calls per hour of the day from 07:00 to 22:00: a morning and an afternoon peak. */
const CALL_HOURS: readonly (readonly [number, number])[] = [
  [7, 3],
  [8, 7],
  [9, 10],
  [10, 10],
  [11, 8],
  [12, 5],
  [13, 5],
  [14, 8],
  [15, 9],
  [16, 8],
  [17, 6],
  [18, 5],
  [19, 5],
  [20, 4],
  [21, 3],
  [22, 2],
];

/** A plausible call time: most night calls move back into the day (before, never after `t`). */
function callTime(t: number, rng: Rng): number {
  const dayStart = Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  const hour = (t - dayStart) / HOUR;
  if ((hour >= 7 && hour < 23) || rng.chance(0.08)) return t;
  const base = hour < 7 ? dayStart - DAY : dayStart;
  return base + (rng.weighted(CALL_HOURS) + rng.float()) * HOUR;
}

/**
 * Generates `count` demo tickets over `units` (the demo network), ending at `now`.
 * With 300 or more tickets every queue status but 'incomplete' appears several
 * times; with 40 or more one incident cluster (many callers about one cracked
 * building in one evening) is among them. Ids are 'demo-000001' upwards in
 * order of creation.
 *
 * @throws {RangeError} when the network lacks a county with townships or a user a story needs.
 * @example
 * const tickets = generateDemoTickets({
 *   units: demoNetwork(), count: 400, seed: 1, now: Date.now(), networkSecret: 'demo-secret-0123456789',
 * });
 */
export function generateDemoTickets(options: DemoTicketOptions): DemoTicket[] {
  const { count, seed, now } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
  const w = new World(options.units, options.networkSecret);
  const rng = new Rng(mix(seed, -1));

  const clusterSize = count >= 40 ? Math.min(19, Math.max(8, Math.round(count / 25))) : 0;
  const reps = Math.min(4, Math.floor(count / 75));
  const specs: Spec[] = [];
  for (let i = 0; i < reps; i++) {
    for (const g of GUARANTEED) specs.push(normalize({ ...BASE_SPEC, ...g }));
  }
  while (specs.length < count - clusterSize) specs.push(randomSpec(rng));
  specs.length = Math.max(0, count - clusterSize);
  // Stories that point at earlier ones are told after those.
  const order = specs
    .map((spec) => ({ spec, key: rng.float() + (spec.kind === 'merge' || spec.repeat ? 1 : 0) }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.spec);

  const told: Told[] = [];
  order.forEach((spec, index) => {
    told.push(tellOne(w, spec, mix(seed, index), now, told, index));
  });
  if (clusterSize > 0)
    told.push(...tellCluster(w, mix(seed, 1_000_000), now, told.length, clusterSize));
  return materialize(w, told);
}

function tellOne(
  w: World,
  spec: Spec,
  seed: number,
  now: number,
  told: Told[],
  index: number,
): Told {
  const pick = new Rng(seed ^ 0x5bd1e995);
  let link: Told | null = null;
  const estimate = new Story(w, spec, new Rng(seed), now - 50 * DAY, null);
  estimate.tell();
  const span = (estimate.events.at(-1)?.millis ?? 0) - (estimate.events[0]?.millis ?? 0);
  const lag = spec.kind === 'flow' ? LAG[spec.stage] : spec.archive ? null : ([0.2, 72] as const);
  let t0 =
    lag === null
      ? now - WINDOW + pick.between(2 * HOUR, Math.max(3 * HOUR, WINDOW - span - 3 * HOUR))
      : now - span - pick.between(lag[0], lag[1]) * HOUR;

  if (spec.kind === 'merge') {
    const open = told.filter(
      (t) =>
        t.linkable &&
        t.created < now - 3 * HOUR &&
        (t.closedAt === null || t.closedAt > t.created + 2 * HOUR),
    );
    if (open.length > 0) {
      link = pick.pick(open);
      const until = Math.min(link.closedAt ?? now, now - HOUR, link.created + 4 * DAY);
      t0 = link.created + pick.between(HOUR, Math.max(HOUR, until - link.created - span));
    }
  } else if (spec.repeat) {
    const earlier = told.filter(
      (t) => t.linkable && t.created < t0 - DAY && t.created > t0 - 25 * DAY,
    );
    if (earlier.length > 0) link = pick.pick(earlier);
  }
  if (link === null) t0 = callTime(t0, pick);
  t0 = Math.max(t0, now - WINDOW + HOUR);

  const effective =
    spec.kind === 'merge' && link === null ? { ...spec, kind: 'answer' as const } : spec;
  const story = new Story(w, effective, new Rng(seed), t0, link);
  story.tell();
  const end = story.events.at(-1)?.millis ?? t0;
  if (end > now - MINUTE) {
    const by = end - (now - MINUTE) + pick.int(1, 20) * MINUTE;
    shift(story.events, by);
    if (story.closedAt !== null) story.closedAt -= by;
  }
  const p = story.plan;
  return {
    index,
    created: story.events[0]?.millis ?? t0,
    closedAt: story.closedAt,
    centreId: p?.centre ?? '',
    topic: p?.script.code ?? 'other',
    areaId: p?.area ?? '',
    location: p?.location ?? '',
    vars: p?.vars ?? {},
    contact: p?.contact ?? null,
    linkable:
      effective.kind === 'flow' &&
      !effective.report &&
      p !== null &&
      p.contact !== null &&
      p.location !== '',
    events: story.events,
    mergeInto: story.mergeInto,
  };
}

function tellCluster(
  w: World,
  seed: number,
  now: number,
  firstIndex: number,
  size: number,
): Told[] {
  const rng = new Rng(seed);
  const county = rng.pick(w.counties).id;
  const area = rng.pick(w.townships(county)).id;
  const dept =
    w.suggestions('housing-quality', area).find((u) => isAncestorOrSelf(w.tree, county, u)) ??
    w.partner(county, area, area);
  const targets = dept === area ? [area, w.partner(county, area, area)] : [dept, area];
  const evening = Math.floor((now - rng.int(6, 12) * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  let t = evening + 19 * HOUR + rng.int(0, 20) * MINUTE;
  const vars = makeVars(w, rng, county, area);
  const building = `${vars.town}${vars.xq}${vars.building}号楼`;
  const variants = [
    building,
    `${vars.town}${vars.xq}${vars.building}栋`,
    `${vars.town}${vars.xq}${toChinese(Number(vars.building))}号楼`,
  ];
  const out: Told[] = [];
  for (let i = 0; i < size; i++) {
    const story = new Story(w, BASE_SPEC, new Rng(mix(seed, i)), t, null);
    const location = i === 0 ? building : rng.pick(variants);
    const contact = makeContact(new Rng(mix(seed, 100 + i)), building);
    const script = TOPIC_SCRIPTS.find((s) => s.code === 'housing-quality') as TopicScript;
    const description =
      i === 0
        ? `${location}外墙和楼梯间突然出现多条明显裂缝，墙皮大块掉落，楼体有异响，居民非常恐慌，请求立即派人查看。`
        : rng.pick([
            `${location}墙体裂缝越来越大，家里门窗关不上了，担心楼会塌，请政府赶紧处理。`,
            `反映${location}出现裂缝，楼里很多住户已经跑到楼下，请求派专业人员检测。`,
            `${location}楼梯间裂缝渗水，住户很害怕，请求尽快安排疏散和检查。`,
          ]);
    const plan: Plan = {
      centre: county,
      county,
      area,
      script,
      category: 'help',
      description,
      location,
      vars: { ...vars, loc: location },
      urgency: 'critical',
      channel: 'phone',
      contact,
      targets,
      path: [],
    };
    story.tellIncident(plan, i === 0, firstIndex);
    if ((story.events.at(-1)?.millis ?? 0) > now - MINUTE)
      shift(story.events, (story.events.at(-1)?.millis ?? 0) - now + HOUR);
    out.push({
      index: firstIndex + i,
      created: story.events[0]?.millis ?? t,
      closedAt: story.closedAt,
      centreId: county,
      topic: 'housing-quality',
      areaId: area,
      location,
      vars,
      contact,
      linkable: false,
      events: story.events,
      mergeInto: story.mergeInto,
    });
    t += rng.int(4, 14) * MINUTE;
  }
  return out;
}

function toChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** Ids by creation order, ticket numbers per centre and device, HLC stamps. */
function materialize(w: World, told: Told[]): DemoTicket[] {
  const byTime = [...told].sort((a, b) => a.created - b.created || a.index - b.index);
  const ids = new Map<number, string>();
  byTime.forEach((t, i) => {
    ids.set(t.index, `demo-${String(i + 1).padStart(6, '0')}`);
  });
  const counters = new Map<string, TicketCounter>();
  return byTime.map((t) => {
    const ticketId = ids.get(t.index) as string;
    const code = w.tree.get(t.centreId)?.code ?? '0000';
    const [counter, number] = nextTicketNumber(counters.get(code) ?? null, code, '01', t.created);
    counters.set(code, counter);
    const events = t.events.map((e, i): TicketEvent => {
      let data: unknown = e.body.data;
      if (e.body.type === 'created') data = { ...e.body.data, number };
      if (e.body.type === 'merged' && t.mergeInto !== null) {
        data = { ...e.body.data, intoTicketId: ids.get(t.mergeInto) ?? ticketId };
      }
      return {
        id: `${ticketId}-e${String(i + 1).padStart(3, '0')}`,
        ticketId,
        at: formatHlc({ millis: e.millis, counter: 0, node: e.node }),
        actor: e.body.actor,
        type: e.body.type,
        data,
      } as TicketEvent;
    });
    return { ticketId, events, contact: t.contact };
  });
}
