/**
 * @module
 * The hotline's fixed vocabularies: categories, channels, roles, satisfaction
 * scales. Labels for the UI live in the client's i18n files; these are codes.
 */

import { z } from 'zod';

/** The seven ticket categories (工单类别). */
export const TicketCategorySchema = z.enum([
  'consult', // 咨询
  'help', // 求助
  'complaint', // 投诉
  'report', // 举报
  'suggestion', // 建议
  'praise', // 表扬
  'other', // 其他
]);
export type TicketCategory = z.infer<typeof TicketCategorySchema>;

/** How the matter reached the hotline (受理渠道). */
export const ChannelSchema = z.enum([
  'phone',
  'web', // 网站 / 市长信箱
  'wechat',
  'sms',
  'fax',
  'chat',
  'walk_in',
  'upper_platform', // 上级平台交办
  'media', // 媒体 / 网络舆情
]);
export type Channel = z.infer<typeof ChannelSchema>;

export const UrgencySchema = z.enum(['normal', 'urgent', 'critical']);
export type Urgency = z.infer<typeof UrgencySchema>;

/** Posts (岗位) a user may hold at a unit. */
export const RoleSchema = z.enum([
  'operator', // 话务员
  'dispatcher', // 预审员 / 派单员
  'handler', // 承办人
  'unit_reviewer', // 单位审核人
  'callback_agent', // 回访员
  'inspector', // 质检员
  'supervisor', // 督办员
  'leader', // 领导
  'admin', // 信息员 / 管理员
]);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Satisfaction answers at callback. The seeds use four levels; GB/T 39735-2020
 * adds 非常不满意. Which scale the callback form offers is a setting; both are
 * stored in the same codes.
 */
export const SatisfactionSchema = z.enum([
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'very_unsatisfied',
]);
export type Satisfaction = z.infer<typeof SatisfactionSchema>;

/** Counted as satisfied in 满意率 (非常满意 + 满意 + 基本满意). */
export function isSatisfied(answer: Satisfaction): boolean {
  return answer === 'very_satisfied' || answer === 'satisfied' || answer === 'basically_satisfied';
}

/** Emergency lines that stay outside 12345 (State Council 2020): record the transfer. */
export const EmergencyServiceSchema = z.enum(['110', '119', '120', '122']);
export type EmergencyService = z.infer<typeof EmergencyServiceSchema>;

/** Why a call is not taken up (不予受理), with where the caller is sent. */
export const OutOfScopeReasonSchema = z.enum([
  'malicious', // 恶意骚扰
  'empty', // 无实质内容
  'advertising', // 广告推销
  'judicial', // 属法院、检察院、人大等职权
  'litigation', // 已进入诉讼、仲裁、行政复议
  'other',
]);

/** Why a unit returns a ticket (退件理由). */
export const ReturnReasonSchema = z.enum([
  'not_our_duty', // 非本单位职责
  'wrong_area', // 非本辖区
  'insufficient_info', // 信息不全无法办理
  'duplicate', // 重复工单
  'other',
]);
