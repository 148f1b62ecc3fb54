"""Traffic for the deployment test's rolling upgrade (tests/deployment/vps.sh). Standard library only.

  vps_load.py setup STATE.json          sign-up, staff, schedule, service through the VPS's nginx
  vps_load.py run STATE.json STOPFILE   availability GETs and booking POSTs through nginx, ONE attempt
                                        each (no retry), until STOPFILE exists; then checks every 201
                                        booking is listed once; prints `LOAD total failed` and details
  vps_load.py book STATE.json           one booking (the restore drill, tests/deployment/pitr.sh); prints its id
  vps_load.py probe STATE.json PORT     straight to one instance (the previous release during the
                                        upgrade, on the migrated schema): availability, a booking, the
                                        booking read back, the owner's list; prints `PROBE ok|fail`

Environment: VPS_HTTPS (nginx's HTTPS port), VPS_DOMAIN, VPS_CA (the CA that signed the served
certificate: Pebble's root after certbot); or VPS_DIRECT_PORT (an instance's port, no nginx).
"""
import datetime as dt
import http.client
import json
import os
import ssl
import sys
import threading
import time
import uuid

DOMAIN = os.environ["VPS_DOMAIN"]
DIRECT = int(os.environ.get("VPS_DIRECT_PORT") or 0)  # no nginx: every call straight to this instance
HTTPS = int(os.environ.get("VPS_HTTPS") or 0)
CTX = None if DIRECT else ssl.create_default_context(cafile=os.environ["VPS_CA"])
ZONE = "Australia/Brisbane"


class Conn(http.client.HTTPSConnection):
    def __init__(self, sni, timeout=30):
        super().__init__("127.0.0.1", HTTPS, context=CTX, timeout=timeout)
        self.sni = sni

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.sni)


def call(method, host, path, body=None, headers=None, port=None):
    port = port or DIRECT
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30) if port else Conn(host)
    try:
        hdrs = {"Host": host, "Accept": "application/json"}
        if port:
            hdrs["X-Forwarded-Proto"] = "https"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        conn.request(method, path, data, hdrs)
        r = conn.getresponse()
        raw = r.read()
        return r.status, (json.loads(raw) if raw[:1] in (b"{", b"[") else raw)
    finally:
        conn.close()


def setup(state_path):
    slug = os.environ.get("VPS_SLUG") or "vps" + uuid.uuid4().hex[:8]
    tenant = f"{slug}.{DOMAIN}"
    st, r = call("POST", DOMAIN, "/api/v1/tenants", {
        "slug": slug, "name": "VPS Barber", "timeZone": ZONE,
        "owner": {"name": "Olive Owner", "email": f"owner@{slug}.example", "password": "correct horse battery"}})
    assert st == 201, (st, r)
    owner = {"Authorization": "Bearer " + r["auth"]["accessToken"]}
    call("PATCH", tenant, "/api/v1/tenant", {"policy": {"minNoticeMinutes": 0, "maxAdvanceDays": 365}}, owner)
    st, staff = call("POST", tenant, "/api/v1/staff", {"name": "Alex", "email": "alex@example.com"}, owner)
    assert st == 201, (st, staff)
    day = [{"start": "08:00", "end": "20:00"}]
    st, r = call("PUT", tenant, f"/api/v1/staff/{staff['id']}/schedule", {
        "weekly": {d: day for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]},
        "overrides": []}, owner)
    assert st == 200, (st, r)
    st, svc = call("POST", tenant, "/api/v1/services", {
        "name": "Cut", "durationMinutes": 15, "priceCents": 5000, "capacity": 1, "staffIds": [staff["id"]]}, owner)
    assert st == 201, (st, svc)
    base = dt.datetime.now(dt.timezone(dt.timedelta(hours=10))).date() + dt.timedelta(days=1)
    state = {"tenant": tenant, "owner": owner, "service": svc["id"], "staff": staff["id"],
             "base_day": base.isoformat(), "next": 0}
    with open(state_path, "w") as f:
        json.dump(state, f)
    print("SETUP ok", tenant)


class Slots:
    """One per 15 minutes, 08:00–20:00 Brisbane, from the base day on; the counter lives in STATE."""

    def __init__(self, state, path):
        self.state, self.path, self.lock = state, path, threading.Lock()

    def next(self, offset_days=0):
        if offset_days:  # a probe's slot, away from the load's run of slots
            i = offset_days * 48 + uuid.uuid4().int % (100 * 48)
            return self.at(i)
        with self.lock:
            i = self.state["next"]
            self.state["next"] = i + 1
            with open(self.path + ".tmp", "w") as f:
                json.dump(self.state, f)
            os.replace(self.path + ".tmp", self.path)
        return self.at(i)

    def at(self, i):
        d = dt.date.fromisoformat(self.state["base_day"]) + dt.timedelta(days=i // 48)
        m = 8 * 60 + (i % 48) * 15
        return f"{d.isoformat()}T{m // 60:02d}:{m % 60:02d}:00+10:00"


def booking_body(state, start):
    return {"serviceId": state["service"], "staffId": state["staff"], "start": start,
            "customer": {"name": "Jamie Citizen", "email": "jamie@example.com"}}


def owner_list(state, port=None):
    to = (dt.date.fromisoformat(state["base_day"]) + dt.timedelta(days=400)).isoformat()
    items, cursor = [], None
    while True:
        path = f"/api/v1/bookings?from={state['base_day']}&to={to}&limit=200" + (f"&cursor={cursor}" if cursor else "")
        st, page = call("GET", state["tenant"], path, headers=state["owner"], port=port)
        assert st == 200, (st, page)
        items += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            return items


def run(state_path, stopfile):
    state = json.load(open(state_path))
    slots = Slots(state, state_path)
    results, lock = [], threading.Lock()  # (t, kind, status or error)

    def record(kind, outcome, bid=None):
        with lock:
            results.append((time.time(), kind, outcome, bid))

    def booker():
        while not os.path.exists(stopfile):
            try:
                st, r = call("POST", state["tenant"], "/api/v1/bookings", booking_body(state, slots.next()),
                             {"Idempotency-Key": str(uuid.uuid4())})
                record("booking", st, r.get("id") if st == 201 and isinstance(r, dict) else None)
            except (OSError, http.client.HTTPException) as e:
                record("booking", type(e).__name__)
            time.sleep(0.05)

    def reader():
        d = state["base_day"]
        while not os.path.exists(stopfile):
            try:
                st, _ = call("GET", state["tenant"], f"/api/v1/availability?serviceId={state['service']}&from={d}&to={d}")
                record("availability", st)
            except (OSError, http.client.HTTPException) as e:
                record("availability", type(e).__name__)
            time.sleep(0.05)

    threads = [threading.Thread(target=f) for f in (booker, booker, reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = {"booking": 201, "availability": 200}
    failed = [(t, k, o) for (t, k, o, _) in results if o != ok[k]]
    acked = [b for (_, k, o, b) in results if k == "booking" and o == 201]
    by_kind = {k: sum(1 for r in results if r[1] == k) for k in ok}
    print(f"LOAD {len(results)} {len(failed)}")
    print(f"  requests: {by_kind['booking']} bookings, {by_kind['availability']} availability reads; failed: {len(failed)}")
    for t, k, o in failed[:10]:
        print(f"  failed: {time.strftime('%H:%M:%S', time.gmtime(t))} {k} {o}")
    listed = owner_list(state)
    ids = [b["id"] for b in listed]
    missing = set(acked) - set(ids)
    starts = [(b["staffId"], b["start"]) for b in listed if b.get("status") != "cancelled"]
    print(f"ACKED {len(acked)} MISSING {len(missing)} DUPLICATES {len(starts) - len(set(starts)) + len(ids) - len(set(ids))}")


def probe(state_path, port):
    state = json.load(open(state_path))
    slots = Slots(state, state_path)
    d = state["base_day"]
    problems = []
    st, r = call("GET", state["tenant"], f"/api/v1/availability?serviceId={state['service']}&from={d}&to={d}", port=port)
    if st != 200 or "slots" not in r:
        problems.append(f"availability {st} {str(r)[:200]}")
    st, b = call("POST", state["tenant"], "/api/v1/bookings", booking_body(state, slots.next(offset_days=200)),
                 {"Idempotency-Key": str(uuid.uuid4())}, port=port)
    if st != 201:
        problems.append(f"booking {st} {str(b)[:300]}")
    else:
        st, r = call("GET", state["tenant"], f"/api/v1/bookings/{b['id']}", headers={"X-Manage-Token": b["manageToken"]}, port=port)
        if st != 200:
            problems.append(f"booking read back {st} {str(r)[:200]}")
        if b["id"] not in [x["id"] for x in owner_list(state, port)]:
            problems.append("booking not in the owner's list")
    print("PROBE " + ("ok" if not problems else "fail: " + "; ".join(problems)))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "setup":
        setup(sys.argv[2])
    elif mode == "run":
        run(sys.argv[2], sys.argv[3])
    elif mode == "book":
        state = json.load(open(sys.argv[2]))
        st, b = call("POST", state["tenant"], "/api/v1/bookings", booking_body(state, Slots(state, sys.argv[2]).next()),
                     {"Idempotency-Key": str(uuid.uuid4())})
        assert st == 201, (st, b)
        print(b["id"])
    elif mode == "probe":
        probe(sys.argv[2], int(sys.argv[3]))
