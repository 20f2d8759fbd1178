/**
 * @module
 * Why the fold did not apply an event. The event stays in the timeline with
 * one of these reasons for a supervisor to see; nothing is dropped.
 */

export const CONFLICT_REASONS = {
  before_creation: { zh: '该事件早于工单创建', en: 'The event precedes the ticket’s creation' },
  already_created: { zh: '工单已创建，重复的创建事件', en: 'The ticket was already created' },
  not_in_state: {
    zh: '工单当前状态不允许该操作',
    en: 'The ticket’s state does not allow this step',
  },
  no_assignment: {
    zh: '该单位没有此工单的承办任务',
    en: 'The unit holds no assignment on this ticket',
  },
  assignment_state: {
    zh: '该单位的承办任务当前状态不允许该操作',
    en: 'The unit’s assignment is not in a state that allows this step',
  },
  already_assigned: { zh: '该单位已在办理此工单', en: 'The unit already holds this ticket' },
  return_not_allowed: {
    zh: '退件已被驳回，首接单位不得再次退件',
    en: 'A rejected return binds the first unit: it may not return again',
  },
  extension_pending: { zh: '已有待审批的延期申请', en: 'An extension request is already pending' },
  no_pending_extension: { zh: '没有待审批的延期申请', en: 'No extension request is pending' },
  not_committed: {
    zh: '只有承诺件可以先回复进度并承诺办结日期',
    en: 'Only committed tickets reply with progress and a promised date',
  },
  promised_date_missing: {
    zh: '进度回复需填写承诺办结日期',
    en: 'A progress reply needs a promised date',
  },
  self_merge: { zh: '工单不能并入自身', en: 'A ticket cannot be merged into itself' },
  id_reused: {
    zh: '同一事件编号出现了不同内容，保留了其中一份',
    en: 'Two different events share one id; one copy was kept',
  },
  unknown_type: {
    zh: '更新版本的事件，本版本无法处理，已保留',
    en: 'An event from a newer version; kept but not applied',
  },
  malformed: { zh: '事件内容不完整，无法处理', en: 'The event is malformed and cannot be applied' },
} as const;

export type ConflictReason = keyof typeof CONFLICT_REASONS;
