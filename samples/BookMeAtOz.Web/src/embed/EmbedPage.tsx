import { BookingPage } from '../booking/BookingPage';
import { useTenantData } from '../TenantContext';
import { embedOriginsOf, useEmbedding } from './embedding';

/** /embed: the booking flow as public/embed.js frames it on a site the tenant allows (see embedding.ts). */
export function EmbedPage() {
  const { tenant } = useTenantData();
  useEmbedding(embedOriginsOf(tenant));
  return <BookingPage />;
}
