// The API calls of the integration screens (resources, webhooks, API keys, calendar feeds, CalDAV, series), all as
// the signed-in user, typed by the host's OpenAPI document (schema.d.ts).
import type { components } from '../../api/schema';
import type { Booking } from '../../api/types';
import { adminRequest } from '../session';

type S = components['schemas'];
export type Resource = S['ResourceResponse'];
export type ResourceRequirement = { resourceId: string; units: number };
export type Webhook = S['WebhookResponse'];
export type WebhookCreated = S['WebhookCreatedResponse'];
export type WebhookDelivery = S['WebhookDeliveryResponse'];
export type ApiKey = S['ApiKeyResponse'];
export type ApiKeyCreated = S['ApiKeyCreatedResponse'];
export type CalDavStatus = S['CalDavStatusResponse'];
export type CalDavConflict = S['CalDavConflictResponse'];
export type SeriesScope = 'one' | 'following' | 'all';

interface Items<T> {
  items: T[];
}

export const integrationsApi = {
  resources: () => adminRequest<Items<Resource>>('/resources').then((r) => r.items),
  createResource: (body: { name: string; kind: string; quantity: number; active: boolean }) => adminRequest<Resource>('/resources', { body }),
  updateResource: (id: string, body: Partial<{ name: string; kind: string; quantity: number; active: boolean }>) =>
    adminRequest<Resource>(`/resources/${id}`, { method: 'PATCH', body }),
  deleteResource: (id: string) => adminRequest<void>(`/resources/${id}`, { method: 'DELETE' }),

  webhooks: () => adminRequest<Items<Webhook>>('/webhooks').then((r) => r.items),
  createWebhook: (body: { url: string; events: string[] }) => adminRequest<WebhookCreated>('/webhooks', { body }),
  updateWebhook: (id: string, body: { url?: string; events?: string[]; enabled?: boolean }) => adminRequest<Webhook>(`/webhooks/${id}`, { method: 'PATCH', body }),
  deleteWebhook: (id: string) => adminRequest<void>(`/webhooks/${id}`, { method: 'DELETE' }),
  rotateWebhookSecret: (id: string) => adminRequest<S['WebhookSecretResponse']>(`/webhooks/${id}/rotate-secret`, { body: {} }),
  pingWebhook: (id: string) => adminRequest<S['WebhookDeliveryAcceptedResponse']>(`/webhooks/${id}/ping`, { body: {} }),
  deliveries: (id: string, cursor: string | null) => {
    const params = new URLSearchParams({ limit: '20' });
    if (cursor) params.set('cursor', cursor);
    return adminRequest<S['PageResponseOfWebhookDeliveryResponse']>(`/webhooks/${id}/deliveries?${params}`);
  },
  replayDelivery: (id: string, deliveryId: string) => adminRequest<S['WebhookDeliveryAcceptedResponse']>(`/webhooks/${id}/deliveries/${deliveryId}/replay`, { body: {} }),

  apiKeys: () => adminRequest<Items<ApiKey>>('/api-keys').then((r) => r.items),
  createApiKey: (body: { name: string; scopes: string[] }) => adminRequest<ApiKeyCreated>('/api-keys', { body }),
  revokeApiKey: (id: string) => adminRequest<void>(`/api-keys/${id}`, { method: 'DELETE' }),

  issueFeed: (staffId: string) => adminRequest<S['CalendarFeedResponse']>(`/staff/${staffId}/feed`, { body: {} }),
  revokeFeed: (staffId: string) => adminRequest<void>(`/staff/${staffId}/feed`, { method: 'DELETE' }),
  calDav: (staffId: string) => adminRequest<CalDavStatus>(`/staff/${staffId}/caldav`),
  connectCalDav: (staffId: string, body: { url: string; username: string; password: string }) => adminRequest<CalDavStatus>(`/staff/${staffId}/caldav`, { method: 'PUT', body }),
  disconnectCalDav: (staffId: string) => adminRequest<void>(`/staff/${staffId}/caldav`, { method: 'DELETE' }),

  cancelSeries: (seriesId: string, body: { scope: SeriesScope; bookingId?: string; reason?: string }) =>
    adminRequest<Items<Booking>>(`/series/${seriesId}/cancel`, { body }).then((r) => r.items),
};
