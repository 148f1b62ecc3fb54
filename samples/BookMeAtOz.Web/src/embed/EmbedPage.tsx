import { useTenantData } from '../TenantContext';
import { embedOriginsOf, useEmbedding } from './embedding';

/**
 * On every booking page once the flow was opened framed at /embed (embed.js): keeps the embedding page told of the
 * height, also after the booking, on its confirmation (/manage/…). Renders nothing; outside a frame it does nothing.
 */
export function EmbedBridge() {
  const { tenant } = useTenantData();
  useEmbedding(embedOriginsOf(tenant));
  return null;
}
