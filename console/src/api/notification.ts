import { http, type Page } from './request';

export namespace NotificationApi {
  /** One entry of the caller's own inbox (站内消息). */
  export interface Notification {
    id: number;
    kind: string;
    title: string;
    body: string;
    /** Console path the entry opens, e.g. '/console/#/cases/complaint/7'; may be empty. */
    link: string;
    created_at: string;
    /** null while unread. */
    read_at: string | null;
  }

  export interface Inbox extends Page<Notification> {
    /** The caller's unread count, whatever the filter. */
    unread: number;
  }

  /** Webhook settings; the secret is write-only, so only whether one is set comes back. */
  export interface WebhookSettings {
    url: string;
    enabled: boolean;
    has_secret: boolean;
  }

  export interface WebhookUpdate {
    url: string;
    enabled: boolean;
    /** Omitted (or '') keeps the stored secret. */
    secret?: string;
  }

  export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

  /** One row of 投递记录; the body is not listed (it carries phone numbers). */
  export interface Delivery {
    id: number;
    kind: string;
    title: string;
    created_at: string;
    attempts: number;
    /** When the next attempt is due; null unless pending. */
    next_attempt_at: string | null;
    status: DeliveryStatus;
    last_status_code: number | null;
    last_error: string;
    delivered_at: string | null;
  }
}

/** 站内消息; `limit: 0` answers only the counts (the bell's badge). */
export function getNotifications(query: { unread?: boolean; offset?: number; limit?: number }, silent = false) {
  return http.get<NotificationApi.Inbox>(
    '/notifications',
    { unread: query.unread ? 1 : undefined, offset: query.offset, limit: query.limit },
    silent,
  );
}
/** Marks one of the caller's notifications read. */
export function markNotificationRead(id: number) {
  return http.post<void>(`/notifications/${id}/read`);
}
/** 全部已读 */
export function markAllNotificationsRead() {
  return http.post<{ marked: number }>('/notifications/read-all');
}

/** The router path of a notification link: '/console/#/cases/7' → '/cases/7'; null when it has none. */
export function routerPathOf(link: string): string | null {
  const prefix = '/console/#';
  let path = link.trim();
  if (path.startsWith(prefix)) path = path.slice(prefix.length);
  else if (path.startsWith('#')) path = path.slice(1);
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  return path;
}

export function getWebhookSettings() {
  return http.get<NotificationApi.WebhookSettings>('/settings/webhook');
}
export function updateWebhookSettings(input: NotificationApi.WebhookUpdate) {
  return http.put<NotificationApi.WebhookSettings>('/settings/webhook', input);
}
/** 投递记录, newest first. */
export function getWebhookDeliveries(query: { status?: NotificationApi.DeliveryStatus | ''; offset: number; limit: number }) {
  return http.get<Page<NotificationApi.Delivery>>('/webhook/deliveries', query);
}
/** 发送测试消息: queues a webhook.test message to the caller; the scheduler sends it within seconds. */
export function sendWebhookTest() {
  return http.post<{ delivery_id: number }>('/webhook/test');
}
