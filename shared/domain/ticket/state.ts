/**
 * @module
 * The shape of a folded ticket: what every replica computes from the same
 * events and calendar. Nothing here is stored as truth.
 */

import type {
  Channel,
  EmergencyService,
  Satisfaction,
  TicketCategory,
  Urgency,
} from '../../schema/ticket-enums';
import type { StoredEvent } from '../../schema/ticket-event';
import type { ConflictReason } from './conflicts';

/** Where a ticket is in its life; `status` refines it for queues. */
export type TicketPhase =
  | 'incomplete' // no `created` event (yet) in the set
  | 'intake' // 登记 / 待预审
  | 'instruction' // 待领导批示
  | 'dispatch' // 交办 → 办理 → 回复 → 审核
  | 'callback' // 待回访
  | 'callback_done' // 已回访, awaiting archive or redo
  | 'closed' // answered directly, out of scope, emergency transfer or merged
  | 'archived';

export type TicketStatus =
  | 'incomplete'
  | 'pending_review' // 待预审
  | 'pending_instruction' // 待批示
  | 'pending_sign' // 待签收
  | 'return_pending' // 退件待审核
  | 'pending_redispatch' // 待重新派单
  | 'handling' // 办理中
  | 'pending_centre_review' // 待审核
  | 'pending_callback' // 待回访
  | 'callback_unsatisfied' // 回访不满意，待重办
  | 'pending_archive' // 待归档
  | 'answered' // 直办办结
  | 'out_of_scope' // 不予受理
  | 'emergency_transferred' // 已转110/119/120/122
  | 'merged' // 已并单
  | 'archived'; // 已归档

export type AssignmentStatus =
  | 'pending_sign' // 待签收
  | 'returned' // 已退件，待审核
  | 'handling' // 办理中
  | 'transferred' // 已转办下级，等待下级回复
  | 'pending_unit_review' // 待本单位审核
  | 'replied' // 已回复，待交办方审核
  | 'completed' // 已办结（交办方已审核通过）
  | 'return_upheld' // 退件成立
  | 'superseded'; // 工单已并单或转紧急服务

export const ACTIVE_ASSIGNMENT: ReadonlySet<AssignmentStatus> = new Set([
  'pending_sign',
  'returned',
  'handling',
  'transferred',
  'pending_unit_review',
  'replied',
]);

/** One unit's part of a ticket, with its own clock. */
export interface Assignment {
  unitId: string;
  /** the unit that dispatched or transferred it, and reviews its reply */
  assignedBy: string;
  /** the assignment it was transferred from (a transfer down a level) */
  parentUnitId: string | null;
  lead: boolean;
  mode: 'time_limited' | 'committed' | 'co_signed';
  status: AssignmentStatus;
  /** how many times this unit has been dispatched to on this ticket */
  round: number;
  dispatchedAt: number;
  signDeadline: number;
  signedAt: number | null;
  returnedAt: number | null;
  /** 24:00 of the Nth working day; moves with extensions and redo */
  deadline: number;
  /** committed tickets: the promised final date after the progress reply */
  promisedDeadline: number | null;
  progressRepliedAt: number | null;
  /** when the latest reply left the unit (after unit review) */
  replyAt: number | null;
  reply: string | null;
  completedAt: number | null;
  pendingReply: { text: string; at: number } | null;
  extensionRequest: { days: number; reason: string; at: number } | null;
  extensionDaysGranted: number;
  returns: number;
  /** a return was rejected: the unit is bound to handle it (首接负责制) */
  returnRejected: boolean;
  sendBacks: number;
  redos: number;
  urges: number;
}

export interface CallbackRecord {
  at: number;
  /** the units whose accepted replies the caller was asked about */
  units: string[];
  reached: boolean;
  solved: boolean | null;
  processSatisfaction: Satisfaction | null;
  resultSatisfaction: Satisfaction | null;
  falseReply: boolean;
  comment: string;
}

export interface TimelineEntry {
  event: StoredEvent;
  applied: boolean;
  conflict: ConflictReason | null;
}

export interface TicketState {
  id: string;
  number: string;
  /** the centre that took the call: it owns callback and sees the caller's contact */
  centreId: string;
  createdAt: number;
  channel: Channel;
  category: TicketCategory;
  topic: string;
  areaId: string;
  location: string;
  description: string;
  urgency: Urgency;
  /** effective: asked for, or whistleblowing not waived */
  confidential: boolean;
  callerKey: string | null;
  upperRef: string | null;
  phase: TicketPhase;
  status: TicketStatus;
  /** every unit ever named on the ticket, in order; it only grows */
  chain: string[];
  assignments: Assignment[];
  answer: { text: string; articleId: string | null; at: number } | null;
  referral: { reason: string; referTo: string; at: number } | null;
  emergency: { service: EmergencyService; at: number } | null;
  mergedInto: string | null;
  instructions: { text: string; at: number; unitId: string }[];
  callbacks: CallbackRecord[];
  /** reached callback says unsolved, unsatisfied or false reply */
  needsRedo: boolean;
  redoCount: number;
  urgeCount: number;
  supervision: { onSite: boolean; at: number; unitId: string } | null;
  /** returns across all units: two or more make a stuck ticket (推诿) */
  returnCount: number;
  reopenCount: number;
  archivedAt: number | null;
  lastEventAt: string;
  timeline: TimelineEntry[];
  conflictCount: number;
}
