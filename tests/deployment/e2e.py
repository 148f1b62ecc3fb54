"""End-to-end checks of deploy/ through nginx (started by tests/deployment/run.sh).

Python standard library only. Prints PASS/FAIL/SKIP lines and a last line
`E2E-COUNTS passed failed skipped`.
"""
import base64
import datetime as dt
import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

HTTPS = int(os.environ["E2E_HTTPS_PORT"])
HTTP = int(os.environ["E2E_HTTP_PORT"])
API1, API2 = int(os.environ["E2E_API1"]), int(os.environ["E2E_API2"])
DOMAIN = os.environ["E2E_DOMAIN"]
ACCESS_LOG = os.environ["E2E_ACCESS_LOG"]
DIR = os.environ["E2E_DIR"]
CTX = ssl.create_default_context(cafile=os.environ["E2E_CA"])
ZONE = "Australia/Brisbane"  # +10:00 all year: slot starts are easy to write
PASSWORD = "correct horse battery"

counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}


def _on_crash(kind, value, tb):
    """An unexpected exception is one failed check; the counts line is still printed."""
    import traceback
    traceback.print_exception(kind, value, tb)
    if kind is not SystemExit:
        counts["FAIL"] += 1
        print(f"  FAIL  e2e.py stopped early: {kind.__name__}: {value}")
        print(f"E2E-COUNTS {counts['PASS']} {counts['FAIL']} {counts['SKIP']}", flush=True)


sys.excepthook = _on_crash


def report(kind, name, detail=""):
    counts[kind] += 1
    print(f"  {kind}  {name}" + (f"\n        {detail}" if detail else ""), flush=True)


def check(name, condition, detail=""):
    report("PASS" if condition else "FAIL", name, "" if condition else detail)
    return condition


class Conn(http.client.HTTPSConnection):
    """HTTPS to nginx on 127.0.0.1 with the SNI and Host of a real name (no DNS needed)."""

    def __init__(self, sni, source=None, timeout=15):
        super().__init__("127.0.0.1", HTTPS, context=CTX, timeout=timeout,
                         source_address=(source, 0) if source else None)
        self.sni = sni

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.sni)


class Resp:
    def __init__(self, status, headers, body, raw=()):
        self.status, self.headers, self.body, self.raw = status, headers, body, list(raw)

    def json(self):
        return json.loads(self.body)

    def h(self, name):
        return self.headers.get(name.lower(), "")


def request(method, host, path, body=None, headers=None, source=None, timeout=15):
    conn = Conn(host, source, timeout)
    try:
        hdrs = {"Host": host, "Accept": "application/json"}
        if body is not None:
            body = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        conn.request(method, path, body, hdrs)
        r = conn.getresponse()
        return Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read(), r.getheaders())
    finally:
        conn.close()


def direct(method, port, host, path, body=None, headers=None):
    """Straight to one instance, bypassing nginx (as nginx would send it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        hdrs = {"Host": host, "Accept": "application/json", "X-Forwarded-Proto": "https"}
        if body is not None:
            body = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        conn.request(method, path, body, hdrs)
        r = conn.getresponse()
        return Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def log_lines():
    with open(ACCESS_LOG, encoding="utf-8", errors="replace") as f:
        return f.readlines()


# ----------------------------------------------------------------------------------------------
# HTTP port: ACME + redirect; TLS: unknown names refused; www → apex
# ----------------------------------------------------------------------------------------------
def http_plain(host, path):
    c = http.client.HTTPConnection("127.0.0.1", HTTP, timeout=10)
    c.request("GET", path, headers={"Host": host})
    r = c.getresponse()
    out = Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    c.close()
    return out


r = http_plain(f"acme.{DOMAIN}", "/book?x=1")
check("HTTP → HTTPS redirect (301, same host and path)",
      r.status == 301 and r.h("location") == f"https://acme.{DOMAIN}/book?x=1", f"{r.status} {r.h('location')}")
r = http_plain(DOMAIN, "/.well-known/acme-challenge/e2e-token")
check("ACME challenge served over plain HTTP", r.status == 200 and r.body.strip() == b"acme-token-e2e", f"{r.status} {r.body[:80]}")

try:
    request("GET", "unknown.example.net", "/")
    check("TLS handshake refused for an unknown server name", False, "handshake succeeded")
except (ssl.SSLError, ConnectionError) as e:
    check("TLS handshake refused for an unknown server name", True)

# nginx's own refusals are problems with a code, like the API's (they never reach an instance).
for what, path, headers, status in [
    ("a 10 KB request line", "/api/v1/tenant?q=" + "a" * 10_000, {}, 414),
    ("a 10 KB header", "/api/v1/tenant", {"X-Padding": "b" * 10_000}, 431),
]:
    r = request("GET", f"acme.{DOMAIN}", path, headers=headers)
    ok = r.status == status and r.h("content-type").startswith("application/problem+json")
    try:
        ok = ok and r.json().get("code") == "validation_failed"
    except ValueError:
        ok = False
    check(f"{what} → {status} problem+json with a code, from nginx", ok, f"{r.status} {r.h('content-type')} {r.body[:120]}")

r = request("GET", f"www.{DOMAIN}", "/pricing")
check("www redirects to the apex", r.status == 301 and r.h("location") == f"https://{DOMAIN}/pricing", f"{r.status} {r.h('location')}")

# ----------------------------------------------------------------------------------------------
# Sign-up, tenant from the subdomain, booking
# ----------------------------------------------------------------------------------------------
slug = "acme" + uuid.uuid4().hex[:8]
TENANT = f"{slug}.{DOMAIN}"
r = request("POST", DOMAIN, "/api/v1/tenants", {
    "slug": slug, "name": "Acme Hair", "timeZone": ZONE,
    "owner": {"name": "Olive Owner", "email": f"owner@{slug}.example", "password": PASSWORD}})
ok = check("sign-up through nginx at the apex → 201", r.status == 201, f"{r.status} {r.body[:300]}")
if not ok:
    print(f"E2E-COUNTS {counts['PASS']} {counts['FAIL']} {counts['SKIP']}")
    raise SystemExit(1)
OWNER = {"Authorization": "Bearer " + r.json()["auth"]["accessToken"]}
TENANT_ID = r.json()["tenant"]["id"]

r = request("GET", TENANT, "/api/v1/tenant")
check("tenant resolved from the Host subdomain (no X-Tenant)", r.status == 200 and r.json().get("slug") == slug, f"{r.status} {r.body[:200]}")
r = request("GET", f"nosuchtenant.{DOMAIN}", "/api/v1/tenant")
check("unknown subdomain → 404 tenant_not_found", r.status == 404 and b"tenant_not_found" in r.body, f"{r.status} {r.body[:200]}")

request("PATCH", TENANT, "/api/v1/tenant", {"policy": {"minNoticeMinutes": 0, "maxAdvanceDays": 365}}, OWNER)
staff = request("POST", TENANT, "/api/v1/staff", {"name": "Alex", "email": "alex@example.com"}, OWNER).json()
day = [{"start": "08:00", "end": "20:00"}]
r = request("PUT", TENANT, f"/api/v1/staff/{staff['id']}/schedule", {
    "weekly": {d: day for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]},
    "overrides": []}, OWNER)
svc = request("POST", TENANT, "/api/v1/services", {
    "name": "Cut", "durationMinutes": 15, "priceCents": 5000, "capacity": 1, "staffIds": [staff["id"]]}, OWNER).json()
SERVICE, STAFF = svc["id"], staff["id"]

# Slots: one per 15 minutes, 08:00–20:00 Brisbane, from tomorrow on; each caller takes the next.
_slot_lock = threading.Lock()
_slot_next = [0]
base_day = dt.datetime.now(dt.timezone(dt.timedelta(hours=10))).date() + dt.timedelta(days=1)


def next_slot():
    with _slot_lock:
        i = _slot_next[0]
        _slot_next[0] += 1
    d = base_day + dt.timedelta(days=i // 48)
    m = 8 * 60 + (i % 48) * 15
    return f"{d.isoformat()}T{m // 60:02d}:{m % 60:02d}:00+10:00"


def booking_body(start):
    return {"serviceId": SERVICE, "staffId": STAFF, "start": start,
            "customer": {"name": "Jamie Citizen", "email": "jamie@example.com"}}


d = base_day.isoformat()
r = request("GET", TENANT, f"/api/v1/availability?serviceId={SERVICE}&from={d}&to={d}")
check("availability through nginx lists the day's 48 slots", r.status == 200 and len(r.json()["slots"]) == 48, f"{r.status} {r.body[:200]}")

start = next_slot()
r = request("POST", TENANT, "/api/v1/bookings", booking_body(start), {"Idempotency-Key": str(uuid.uuid4())})
ok = check("booking through nginx → 201 with a manage token", r.status == 201 and r.json().get("manageToken"), f"{r.status} {r.body[:300]}")
first = r.json() if ok else {}
if ok:
    r = request("GET", TENANT, f"/api/v1/bookings/{first['id']}", headers={"X-Manage-Token": first["manageToken"]})
    check("customer sees the booking with X-Manage-Token", r.status == 200 and r.json()["id"] == first["id"], f"{r.status}")
    r = request("GET", TENANT, f"/api/v1/bookings?from={d}&to={d}", headers=OWNER)
    check("owner sees the booking in the list", r.status == 200 and any(b["id"] == first["id"] for b in r.json()["items"]), f"{r.status} {r.body[:200]}")
    r = request("POST", TENANT, "/api/v1/bookings", booking_body(start))
    check("the same slot again → 409 slot_unavailable (conflict metric fed)", r.status == 409 and b"slot_unavailable" in r.body, f"{r.status}")

# ----------------------------------------------------------------------------------------------
# Security headers, SPA, caching
# ----------------------------------------------------------------------------------------------
for what, path in [("SPA page", "/"), ("API answer", "/api/v1/tenant"), ("asset", None)]:
    if path is None:
        continue
    r = request("GET", TENANT, path)
    csp = r.h("content-security-policy")
    missing = [h for h, want in [("strict-transport-security", "max-age="), ("x-content-type-options", "nosniff"),
                                 ("x-frame-options", "DENY"), ("referrer-policy", "")]
               if want not in r.h(h) or not r.h(h)]
    check(f"security headers on the {what} (HSTS, nosniff, frame options, CSP)",
          not missing and "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp,
          f"missing {missing}; csp={csp!r}")

with open(os.path.join(os.environ["E2E_WEB"], "index.html"), "rb") as f:
    index_html = f.read()
r = request("GET", TENANT, "/", headers={"Accept": "text/html"})
check("/ serves the web app's index.html (no-cache)", r.status == 200 and r.body == index_html and r.h("cache-control") == "no-cache",
      f"{r.status} cache-control={r.h('cache-control')!r}")
r = request("GET", TENANT, "/manage/1234/some/client/route", headers={"Accept": "text/html"})
check("an unknown path under / serves the SPA index (try_files … /index.html)", r.status == 200 and r.body == index_html, f"{r.status}")
assets = re.findall(rb'(?:src|href)="(/assets/[^"]+)"', index_html)
if assets:
    a = assets[0].decode()
    r = request("GET", TENANT, a)
    check(f"hashed asset {a} cached for a year, immutable",
          r.status == 200 and "max-age=31536000" in r.h("cache-control") and "immutable" in r.h("cache-control") and r.h("x-content-type-options") == "nosniff"
          and sum(1 for k, _ in r.raw if k.lower() == "cache-control") == 1,
          f"{r.status} cache-control headers={[v for k, v in r.raw if k.lower() == 'cache-control']}")
else:
    report("FAIL", "index.html references no /assets/ file")
r = request("GET", TENANT, "/assets/does-not-exist-123.js")
check("a missing asset is 404, not the index page", r.status == 404, f"{r.status}")
r = request("GET", TENANT, "/api/v1/no-such-route")
check("an unknown /api/ path is the API's 404, not the SPA", r.status == 404 and r.body != index_html, f"{r.status}")

# ----------------------------------------------------------------------------------------------
# /metrics and /health: internal addresses only; Cloudflare real IP
# ----------------------------------------------------------------------------------------------
for path in ["/metrics", "/health/ready", "/health/live"]:
    r = request("GET", TENANT, path, source="127.0.0.1")
    check(f"{path} from 127.0.0.1 (internal) → 200", r.status == 200, f"{r.status}")
    r = request("GET", TENANT, path, source="127.0.0.2")
    check(f"{path} from 127.0.0.2 (outside) → 403", r.status == 403, f"{r.status}")
r = request("GET", TENANT, "/metrics", headers={"CF-Connecting-IP": "127.0.0.1"}, source="127.0.0.2")
check("forged CF-Connecting-IP from a non-Cloudflare address is ignored (403)", r.status == 403, f"{r.status}")
r = request("GET", TENANT, "/metrics", headers={"CF-Connecting-IP": "203.0.113.7"}, source="127.0.0.3")
check("via a Cloudflare edge, a public visitor is refused /metrics (403)", r.status == 403, f"{r.status}")
r = request("GET", TENANT, "/metrics", headers={"CF-Connecting-IP": "127.0.0.1"}, source="127.0.0.3")
check("via a Cloudflare edge, the restored internal visitor gets /metrics (200)", r.status == 200, f"{r.status}")
request("GET", TENANT, "/api/v1/tenant?via=cf-edge", headers={"CF-Connecting-IP": "203.0.113.7"}, source="127.0.0.3")
request("GET", TENANT, "/api/v1/tenant?via=forged", headers={"CF-Connecting-IP": "203.0.113.8"}, source="127.0.0.2")
time.sleep(0.3)
last = [l for l in log_lines() if "?via=" in l]
check("access log: the visitor's address restored from CF-Connecting-IP via an edge, a forged one ignored",
      any(l.startswith("203.0.113.7 ") and "via=cf-edge" in l for l in last)
      and any(l.startswith("127.0.0.2 ") and "via=forged" in l for l in last), "".join(last))

# Every metric the alert rules and the dashboard use is exported by an instance.
metrics_text = ""
for port in (API1, API2):
    metrics_text += direct("GET", port, "localhost", "/metrics").body.decode()
exported = set(re.findall(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)", metrics_text, re.M))
used = set()
with open(os.environ["E2E_GRAFANA"]) as f:
    dash = json.load(f)
exprs = [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]
for fn in os.listdir(os.environ["E2E_PROM_DIR"]):
    if fn.startswith("alerts") and fn.endswith(".yml") and "test" not in fn:
        exprs += re.findall(r"expr:\s*(.+)", open(os.path.join(os.environ["E2E_PROM_DIR"], fn)).read())
KEYWORDS = {"sum", "rate", "by", "histogram_quantile", "le", "increase", "max", "min", "avg", "on", "ignoring",
            "without", "clamp_min", "up", "job", "instance", "state", "status", "count", "or", "and", "unless",
            "vector", "time", "bool", "offset", "irate", "delta", "deriv", "abs", "topk", "label_replace", "absent",
            "http_response_status_code", "code", "max_over_time", "min_over_time", "avg_over_time", "sum_over_time"}
for e in exprs:
    e = re.sub(r'"[^"]*"', "", e)
    e = re.sub(r"\{[^}]*\}", "", e)
    e = re.sub(r"\[[^\]]*\]", "", e)
    e = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", e)
    for name in re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", e):
        if name not in KEYWORDS and "_" in name:
            used.add(name)
# Counters created lazily: they appear once the first event happens on that instance.
lazy = {n for n in used if re.match(r"bookmeatoz_(email|booking_cancelled|booking_rescheduled|changes)", n)}
# From prometheus-postgres-exporter (deploy/prometheus/postgres-exporter-queries.yaml), not the instances.
lazy |= {n for n in used if n.startswith(("bookmeatoz_outbox_", "bookmeatoz_webhook_failing_subscriptions",
                                           "bookmeatoz_webhook_oldest_due", "bookmeatoz_webhook_pending"))}
# Lazy too: a subscription disabled after 24 h of failures, a CalDAV sync (no calendar is connected here).
lazy |= {n for n in used if n.startswith(("bookmeatoz_webhook_subscriptions_disabled", "bookmeatoz_caldav_syncs"))}
missing = sorted(n for n in used - exported - lazy)

# Labels name things: the Npgsql pool is the data source's name, and no label holds a connection string.
leaks = sorted({v for v in re.findall(r'="((?:[^"\\]|\\.)*)"', metrics_text)
                if re.search(r"host=|server=|password=|username=|user id=|database=", v, re.I)})
check("no metric label holds a connection string (Host=, Username=, Password...)", not leaks, f"{leaks[:3]}")
pools = set(re.findall(r'db_client_connection_pool_name="([^"]*)"', metrics_text))
check("the Npgsql pool label is the data source's name (bookmeatoz)", "bookmeatoz" in pools, f"{sorted(pools)}")
check(f"every metric used by alerts and dashboard ({len(used)}) is exported at /metrics", not missing, f"missing: {missing}; exported db_*: {sorted(n for n in exported if n.startswith('db_'))}")

# ----------------------------------------------------------------------------------------------
# Load balancing: requests spread over both instances
# ----------------------------------------------------------------------------------------------
mark = len(log_lines())
for _ in range(20):
    request("GET", TENANT, f"/api/v1/services")
ups = [re.search(r"up=(\S+)", l).group(1) for l in log_lines()[mark:] if "/api/v1/services" in l]
check("20 API requests spread over both instances",
      any(str(API1) in u for u in ups) and any(str(API2) in u for u in ups), f"upstreams: {sorted(set(ups))}")

# ----------------------------------------------------------------------------------------------
# Real time: SignalR negotiate + WebSocket upgrade through nginx
# ----------------------------------------------------------------------------------------------
def ws_connect(path, host):
    raw = socket.create_connection(("127.0.0.1", HTTPS), timeout=10)
    s = CTX.wrap_socket(raw, server_hostname=host)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    status = int(head.split(b" ", 2)[1]) if head else 0
    return s, status, head


def ws_send(s, text):
    data = text.encode()
    mask = os.urandom(4)
    hdr = bytes([0x81]) + (bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + len(data).to_bytes(2, "big"))
    s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def ws_recv_text(s, deadline):
    buf = b""
    while time.time() < deadline:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            h = s.recv(2)
        except socket.timeout:
            break
        if len(h) < 2:
            break
        n = h[1] & 0x7F
        if n == 126:
            n = int.from_bytes(s.recv(2), "big")
        elif n == 127:
            n = int.from_bytes(s.recv(8), "big")
        payload = b""
        while len(payload) < n:
            payload += s.recv(n - len(payload))
        if h[0] & 0x0F == 1:
            buf += payload
            yield from [m for m in buf.decode().split("\x1e")[:-1]]
            buf = buf.split(b"\x1e")[-1]


r = request("POST", TENANT, "/hubs/availability/negotiate?negotiateVersion=1", headers={"Content-Length": "0"})
time.sleep(0.3)
neg_line = [l for l in log_lines() if "/hubs/availability/negotiate" in l][-1:]
if r.status == 200:
    token = r.json().get("connectionToken") or r.json().get("connectionId")
    s, status, head = ws_connect(f"/hubs/availability?id={token}", TENANT)
    if check("WebSocket upgrade to /hubs/availability through nginx → 101", status == 101, head[:200].decode(errors="replace")):
        ws_send(s, '{"protocol":"json","version":1}\x1e')
        got = list(ws_recv_text(s, time.time() + 5))[:1]
        check("SignalR handshake answered over the proxied WebSocket", got == ["{}"], f"{got}")
        ws_send(s, json.dumps({"type": 1, "invocationId": "1", "target": "Subscribe", "arguments": [SERVICE]}) + "\x1e")
        time.sleep(0.5)
        # The hub connection is pinned to one instance (hash upstream); book through the other one.
        # The WebSocket's own access-log line is written only when it closes; negotiate went to the same
        # instance (hash upstream), and its line is there.
        hub_up = re.search(r"up=(\S+)", neg_line[0]).group(1) if neg_line else ""
        other = API2 if str(API1) in hub_up else API1
        br = direct("POST", other, TENANT, "/api/v1/bookings", booking_body(next_slot()))
        events = [m for m in ws_recv_text(s, time.time() + 10) if "availabilityChanged" in m]
        check(f"availabilityChanged received for a booking made on the other instance ({other}; Redis backplane)",
              br.status == 201 and events, f"booking {br.status}; hub on {hub_up}; events {events[:1]}")
    s.close()
else:
    reached = bool(neg_line) and re.search(r"up=127\.0\.0\.1:\d+", neg_line[0])
    check("hub negotiate passed through nginx to an instance", reached, "".join(neg_line))
    s, status, head = ws_connect("/hubs/availability", TENANT)
    s.close()
    time.sleep(0.3)
    up_line = [l for l in log_lines() if '"GET /hubs/availability ' in l][-1:]
    check("WebSocket upgrade request to /hubs/availability reached an instance through nginx",
          bool(up_line) and "up=127.0.0.1:" in up_line[0], "".join(up_line))
    report("SKIP", f"SignalR hub not in this build (negotiate answered {r.status}): 101 upgrade and "
                   "availabilityChanged across instances not checked")

# ----------------------------------------------------------------------------------------------
# Failover: one instance killed
# ----------------------------------------------------------------------------------------------
def db_booking_count():
    """Straight from PostgreSQL (the tables force row-level security: scope to the tenant first)."""
    sql = (f"\\o /dev/null\nSELECT set_config('bookmeatoz.tenant_id', '{TENANT_ID}', false);\n\\o\n"
           "SELECT count(*) FROM bookmeatoz.bookings WHERE status <> 'cancelled';\n")
    out = subprocess.run([os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin") + "/psql", "-X", "-At", os.environ["E2E_ADMIN_PG"]],
                         input=sql, capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    return int(lines[-1]) if out.returncode == 0 and lines else None


def owner_bookings():
    to = (base_day + dt.timedelta(days=300)).isoformat()
    items, cursor = [], None
    while True:
        path = f"/api/v1/bookings?from={base_day.isoformat()}&to={to}&limit=200" + (f"&cursor={cursor}" if cursor else "")
        page = request("GET", TENANT, path, headers=OWNER).json()
        items += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            return items


subprocess.run(["bash", f"{DIR}/instance.sh", "stop", str(API1)], check=False)
before = len(owner_bookings())
gets = [request("GET", TENANT, "/api/v1/services").status for _ in range(20)]
check("instance 1 stopped: 20 GETs all succeed (retried to instance 2)", gets == [200] * 20, f"{gets}")
posts = [request("POST", TENANT, "/api/v1/bookings", booking_body(next_slot())).status for _ in range(10)]
after = len(owner_bookings())
check("instance 1 stopped: 10 bookings all 201, exactly 10 new rows (no POST sent twice)",
      posts == [201] * 10 and after - before == 10, f"{posts}; rows {before} → {after}")
subprocess.run(["bash", f"{DIR}/instance.sh", "start", str(API1)], check=False)
for _ in range(120):
    try:
        if direct("GET", API1, "localhost", "/health/ready").status == 200:
            break
    except OSError:
        pass
    time.sleep(0.5)

# ----------------------------------------------------------------------------------------------
# Rolling restart (deploy/deploy.sh rolling-restart) under a steady booking load
# ----------------------------------------------------------------------------------------------
stop = threading.Event()
results = []  # (slot, final status, booking id, first-attempt statuses)
res_lock = threading.Lock()


def worker():
    while not stop.is_set():
        slot, key, attempts = next_slot(), str(uuid.uuid4()), []
        final, bid = None, None
        for attempt in range(6):
            try:
                r = request("POST", TENANT, "/api/v1/bookings", booking_body(slot), {"Idempotency-Key": key}, timeout=30)
                attempts.append(r.status)
                if r.status in (502, 503, 504):
                    time.sleep(0.3)
                    continue
                final = r.status
                bid = r.json().get("id") if r.status == 201 else None
                break
            except (OSError, http.client.HTTPException) as e:
                attempts.append(type(e).__name__)
                time.sleep(0.3)
        with res_lock:
            results.append((slot, final, bid, attempts))
        time.sleep(0.05)


threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
time.sleep(2)
env = dict(os.environ, INSTANCES=f"{API1} {API2}", RESTART_CMD=f"bash {DIR}/instance.sh restart {{port}}",
           READY_TIMEOUT="90")  # SETTLE_SECONDS: deploy.sh's default
rr = subprocess.run(["bash", os.environ["E2E_DEPLOY_SH"], "rolling-restart"], env=env, capture_output=True, text=True)
time.sleep(2)
stop.set()
for t in threads:
    t.join()
print("        deploy.sh: " + rr.stderr.strip().replace("\n", "\n        deploy.sh: "))
check("deploy.sh rolling-restart restarted both instances, each gated on /health/ready",
      rr.returncode == 0 and rr.stderr.count("ready") >= 2, rr.stderr[-500:])
acked = [b for (_, st, b, _) in results if st == 201]
retried = [a for (_, _, _, a) in results if len(a) > 1]
bad = [(s, st, a) for (s, st, _, a) in results if st != 201]
check(f"steady load during the rolling restart: {len(results)} bookings, every one finally 201 "
      f"({len(retried)} needed the documented Idempotency-Key retry)", results and not bad, f"{bad[:5]}")
first_5xx_other = [a for (_, _, _, a) in results for x in a if isinstance(x, int) and x >= 500 and x not in (502, 503, 504)]
check("no 5xx other than 502/503/504 (which the retry covers)", not first_5xx_other, f"{first_5xx_other[:5]}")
all_b = owner_bookings()
ids = {b["id"] for b in all_b}
check("every booking acknowledged with 201 is in the database", set(acked) <= ids, f"missing {len(set(acked) - ids)}")
starts = [(b["staffId"], b["start"]) for b in all_b if b.get("status") != "cancelled"]
check(f"no double booking among {len(starts)} bookings (one per staff and start; ids unique)",
      len(starts) == len(set(starts)) and len(ids) == len(all_b), f"{len(starts)} vs {len(set(starts))}")
n = db_booking_count()
if n is None:
    report("SKIP", "SQL count of bookings (psql failed)")
else:
    check("SQL count of confirmed bookings equals what the API lists", n == len(starts), f"sql {n}, api {len(starts)}")

# ----------------------------------------------------------------------------------------------
# The dashboard's and alerts' queries, evaluated by a real Prometheus (started by run.sh with the
# real prometheus.yml and alerts.yml, scraping both instances every second): after some load, each
# returns data, and the latency quantiles are in seconds
# ----------------------------------------------------------------------------------------------
PROM = os.environ.get("E2E_PROM_URL", "")


def prom_query(expr):
    conn = http.client.HTTPConnection(PROM.split("//", 1)[1], timeout=15)
    conn.request("GET", "/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
    body = json.loads(conn.getresponse().read())
    conn.close()
    return body["data"]["result"] if body.get("status") == "success" else None


def alert_exprs():
    """The alert rules' expressions (alerts.yml; block scalars too), without PyYAML."""
    out, lines = [], open(os.path.join(os.environ["E2E_PROM_DIR"], "alerts.yml")).read().splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)expr:\s*(.*)$", lines[i])
        i += 1
        if not m:
            continue
        if m.group(2).strip() in ("|", ">"):
            block = []
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > len(m.group(1))):
                block.append(lines[i].strip())
                i += 1
            out.append(" ".join(block).strip())
        else:
            out.append(m.group(2).strip())
    return out


if not PROM:
    report("SKIP", "dashboard and alert queries against a real Prometheus (prometheus not installed)")
else:
    # Load after the rolling restart: availability over several days (from PostgreSQL, then from memory), bookings,
    # a conflict, a cancellation and a reschedule, on both instances.
    for day in range(1, 8):
        dd = (base_day + dt.timedelta(days=day)).isoformat()
        for _ in range(3):
            request("GET", TENANT, f"/api/v1/availability?serviceId={SERVICE}&from={dd}&to={dd}")
    made = []
    for _ in range(4):
        r = request("POST", TENANT, "/api/v1/bookings", booking_body(next_slot()), {"Idempotency-Key": str(uuid.uuid4())})
        if r.status == 201:
            made.append(r.json())
    if made:
        request("POST", TENANT, "/api/v1/bookings", booking_body(made[0]["start"]))
        request("POST", TENANT, f"/api/v1/bookings/{made[0]['id']}/cancel", {}, {"X-Manage-Token": made[0]["manageToken"]})
    if len(made) > 1:
        request("POST", TENANT, f"/api/v1/bookings/{made[1]['id']}/reschedule", {"start": next_slot()},
                {"X-Manage-Token": made[1]["manageToken"]})

    with open(os.environ["E2E_GRAFANA"]) as f:
        panels = json.load(f)["panels"]
    queries = [(f"dashboard '{p['title']}'", t["expr"]) for p in panels for t in p.get("targets", [])]
    for e in alert_exprs():
        # An alert's condition is empty while it does not fire: evaluate what it compares.
        lhs = re.sub(r"\s*(==|!=|>=|<=|>|<)\s*[0-9.e+\-*\s]+$", "", e)
        queries.append((f"alert {e[:60]}...", lhs))
    # From prometheus-postgres-exporter, which this test does not run; and a series that appears with its first event.
    not_here = {"bookmeatoz_outbox_": "postgres-exporter is not run here",
                "bookmeatoz_webhook_failing_subscriptions": "postgres-exporter is not run here",
                "bookmeatoz_webhook_oldest_due": "postgres-exporter is not run here",
                "bookmeatoz_webhook_subscriptions_disabled": "no subscription was disabled (the series appears with the first)",
                "bookmeatoz_caldav_syncs": "no CalDAV calendar is connected here (the series appears with the first sync)",
                "bookmeatoz_email_failed": "no e-mail failed (the series appears with the first failure)",
                "bookmeatoz_email_retried": "no e-mail was retried (the series appears with the first retry)"}
    deadline = time.time() + 90
    pending = list(queries)
    results = {}
    while pending and time.time() < deadline:
        still = []
        for name, expr in pending:
            res = prom_query(expr)
            values = [float(x["value"][1]) for x in (res or [])]
            if res and (not expr.startswith("histogram_quantile") or all(v == v and abs(v) != float("inf") for v in values)):
                results[(name, expr)] = values
            else:
                still.append((name, expr))
        pending = still
        if pending:
            time.sleep(1)
    for name, expr in queries:
        reason = next((why for prefix, why in not_here.items() if prefix in expr), None)
        if (name, expr) in results:
            check(f"Prometheus: {name} returns data", True)
        elif reason and "vector(0)" not in expr:
            report("SKIP", f"Prometheus: {name}", reason)
        else:
            check(f"Prometheus: {name} returns data", False, expr)
    p99 = results.get(next(((n, e) for n, e in queries if "bookmeatoz_availability_duration_seconds_bucket" in e), ("", "")))
    check("Prometheus: availability p99 is under 1 s (buckets in seconds, not OpenTelemetry's millisecond defaults)",
          p99 is not None and p99 and max(p99) < 1, f"{p99}")

print(f"E2E-COUNTS {counts['PASS']} {counts['FAIL']} {counts['SKIP']}")
raise SystemExit(1 if counts["FAIL"] else 0)
