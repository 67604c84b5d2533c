import { call, client } from '../../api.ts';

/** The bell's calls, typed from the server's routes like api.ts. */
export type NotificationList = Awaited<ReturnType<typeof notifications>>;
export type Notification = NotificationList['items'][number];

export const notifications = () => call(client.notifications.$get());
export const unreadCount = () => call(client.notifications['unread-count'].$get());
export const markRead = (notificationId: number) => call(client.notifications[':id'].read.$post({ param: { id: String(notificationId) } }));
