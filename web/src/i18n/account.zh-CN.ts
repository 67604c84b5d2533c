/**
 * Messages of what each user has of their own: the notification bell and their password (the
 * forced change after an admin's reset, the voluntary one). Merged into zh-CN.ts; account.en.ts
 * has the same keys.
 */
export const accountZhCN = {
  'label.notifications': '通知',
  'label.notificationsUnread': '通知，{count} 条未读',
  'label.noNotifications': '暂无通知',
  'label.notificationRead': '已读',
  'button.markRead': '标为已读',
  'button.openDocument': '查看',

  'notification.transfer_approval': '调拨单 {number}（{fromDepot} → {toDepot}）待审批',
  'notification.shipment_dispatched': '调拨单 {number} 已由{fromDepot}发货，待接收',
  'notification.count_approval': '盘点单 {number} 待审批',
  'notification.count_returned': '盘点单 {number} 已退回重盘',
  'notification.batch_hold': '{depot} 暂停发放 {product} 批号 {lot}：{reason}',
  'notification.pre_issue_failed': '{depot} {product} 批号 {lot}：出库检查不合格 {quantity}',
  'notification.suspected_quality_change': '{product} 批号 {lot}：疑似质量变化',
  'notification.expired_in_qualified': '{lots} 个批号的过期药具共 {quantity} 仍在合格品区，请移入不合格品区',
  'notification.reversal_request': '冲销申请：记账 {postingId}，{reason}',
  'notification.write_off_request': '{depot} 报损申请 {number} 待审批',
  'notification.lots_to_inspect': '入库单 {number} 已验收数量，待质量检查',
  'notification.receipt_to_sign': '入库单 {number} 待签字生效',
  'notification.opening_balance_to_confirm': '期初库存 {number} 待确认',
  'notification.password_reset': '{by} 重置了用户 {username} 的密码',

  'button.changePassword': '修改密码',
  'button.savePassword': '保存新密码',
  'label.repeatPassword': '再次输入新密码',
  'label.setNewPassword': '设置新密码',
  'label.oneTimePasswordNote': '{name}（{username}），管理员为您设置了一次性密码。请先设置只有您知道的新密码，然后继续使用。',
  'label.passwordChanged': '密码已修改。您在其他设备上的登录已退出。',
  'password.missing': '请输入新密码',
  'password.too_short': '密码至少 {min} 个字符',
  'password.too_long': '密码最多 {max} 个字符',
  'password.refused': '服务器未接受此密码：须为 {min}–{max} 个字符，不能包含用户名，不能是常见密码',
  'label.currentPassword': '当前密码',
  'password.current_missing': '请输入当前密码',
  'password.current_wrong': '当前密码不正确',
  'password.contains_username': '密码不能包含用户名',
  'password.common': '这是最常见的密码之一，请另选一个',
  'password.unchanged': '新密码不能与当前密码相同',
  'password.repeat_missing': '请再次输入新密码',
  'password.repeat_mismatch': '两次输入的密码不一致',
};
