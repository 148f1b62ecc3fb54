/*
 * BookMeAtOz booking widget: puts a business's booking page on another site, in an iframe that fits its content.
 *
 *   <script src="https://acme.bookmeatoz.online/embed.js" data-tenant="acme" async></script>
 *
 * Optional attributes: data-service (a service id to start with), data-lang (en, de, fr), data-title (the frame's
 * accessible name), data-target (a CSS selector of the element to put the frame in; default: right after the script).
 * The business lists this site's origin in its settings (Settings → Booking widget), else the browser refuses the frame.
 * Each booking made in the frame is announced to this page as a message event, and as a DOM event on the iframe:
 *   window.addEventListener('message', (e) => { if (e.data?.type === 'bookmeatoz:booked') … e.data.bookingId, e.data.start });
 *   iframe.addEventListener('bookmeatoz:booked', (e) => … e.detail.bookingId);   (it bubbles)
 * See docs/embedding.md.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(script.src);
  var tenant = (script.getAttribute('data-tenant') || '').toLowerCase();
  var host = base.host;
  // From the apex (bookmeatoz.online/embed.js) the tenant is a subdomain; from the tenant's own host it is already there.
  if (tenant && host.toLowerCase().indexOf(tenant + '.') !== 0) host = tenant + '.' + host;
  var frameOrigin = base.protocol + '//' + host;

  var params = new URLSearchParams();
  params.set('origin', window.location.origin);
  var service = script.getAttribute('data-service');
  if (service) params.set('service', service);
  var lang = script.getAttribute('data-lang');
  if (lang) params.set('lang', lang);

  var iframe = document.createElement('iframe');
  iframe.src = frameOrigin + '/embed?' + params.toString();
  iframe.title = script.getAttribute('data-title') || 'Book an appointment';
  iframe.setAttribute('data-bookmeatoz', tenant);
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.display = 'block';
  iframe.style.height = '720px';

  var target = script.getAttribute('data-target');
  var container = target ? document.querySelector(target) : null;
  if (container) container.appendChild(iframe);
  else script.parentNode.insertBefore(iframe, script.nextSibling);

  window.addEventListener('message', function (e) {
    if (e.origin !== frameOrigin || e.source !== iframe.contentWindow || !e.data || typeof e.data.type !== 'string') return;
    if (e.data.type === 'bookmeatoz:resize' && typeof e.data.height === 'number' && e.data.height > 0) {
      iframe.style.height = Math.min(Math.ceil(e.data.height), 20000) + 'px';
    } else if (e.data.type === 'bookmeatoz:booked') {
      iframe.dispatchEvent(new CustomEvent('bookmeatoz:booked', { detail: e.data, bubbles: true }));
    }
  });
})();
