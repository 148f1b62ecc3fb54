#!/usr/bin/env python3
"""The soak's traffic and sampler (benchmarks/soak/soak.sh starts the servers and the two hosts). Standard library only.

Against two host instances that share PostgreSQL and the Redis backplane, for --duration seconds after --warmup:
  (every worker at a fixed rate, --read-rate, --book-rate, --cancel-rate: the same traffic in every minute)
  readers     GET /api/v1/availability (one week), alternating the instances
  bookers     POST /api/v1/bookings for a random (start, staff) of a fixed pool of slots, alternating the instances;
              a 409 slot_unavailable (the slot is taken) is expected, anything else but 201 is an error
  cancellers  POST /api/v1/bookings/{id}/cancel with the booking's manage token (frees its slot again)
  hubs        --hubs SignalR connections per instance (/hubs/availability, JSON protocol over a WebSocket),
              subscribed to the service; each must receive availabilityChanged events (a booking made on either
              instance reaches both through the backplane) and must never be closed
  sampler     every --sample seconds, each host's RSS and thread count (/proc/PID/status), its GC heap size after
              the last collection (the host's /metrics; information only), and the PostgreSQL connections
              (pg_stat_activity, via $SOAK_PSQL)
  live heap   at the end of the first window and at the end of the run, `dotnet-gcdump collect` (--gcdump) on each
              host: it induces a full blocking collection and walks the heap; `dotnet-gcdump report` gives the bytes
              of the reachable objects (the live heap), and the gauge is read again right after

The rule (docs/scaling.md, "Soak"): for RSS, threads and PostgreSQL connections, the average over the last minute is
less than --max-growth (10 %) above the average over the first minute; each host's live heap at the end is less than
--max-growth above its live heap at the end of the first minute; and zero errors: no 5xx, no failed request or booking other than
409 slot_unavailable, no hub disconnect, every hub received events. Prints the start and end values; exit code 1
if the rule is broken.
"""
import argparse
import base64
import datetime
import http.client
import json
import os
import random
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import uuid

ZONE = "Australia/Sydney"
STOP = threading.Event()
MEASURING = threading.Event()  # set after the warm-up: counts and samples from then on
COLLECTING = threading.Event()  # set while dotnet-gcdump runs: the sampler takes no sample then


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.errors = []

    def count(self, key):
        if MEASURING.is_set():
            with self.lock:
                self.counts[key] = self.counts.get(key, 0) + 1

    def error(self, what):
        # Errors count during the warm-up too: they are errors all the same.
        with self.lock:
            self.errors.append(f"{time.strftime('%H:%M:%S')} {what}")


STATS = Stats()


class Client:
    """One keep-alive connection per thread and instance; reconnects after a failure (which is counted)."""

    def __init__(self, base, slug):
        m = re.match(r"http://([^:/]+):(\d+)", base)
        self.host, self.port, self.slug, self.conn = m.group(1), int(m.group(2)), slug, None

    def call(self, method, path, body=None, headers=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        hdrs = {"Accept": "application/json"}
        if self.slug:
            hdrs["X-Tenant"] = self.slug
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        try:
            self.conn.request(method, path, data, hdrs)
            r = self.conn.getresponse()
            raw = r.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        try:
            parsed = json.loads(raw) if raw[:1] in (b"{", b"[") else raw
        except ValueError:
            parsed = raw
        return r.status, parsed


def must(result, status, what):
    if result[0] != status:
        sys.exit(f"soak setup: {what}: expected {status}, got {result[0]}: {result[1]}")
    return result[1]


def setup(base):
    c = Client(base, None)
    slug = "soak" + uuid.uuid4().hex[:10]
    r = must(c.call("POST", "/api/v1/tenants", {
        "slug": slug, "name": "Soak", "timeZone": ZONE,
        "owner": {"name": "Owner", "email": "owner@example.com", "password": "soak-test-password"}}), 201, "sign-up")
    token = {"Authorization": "Bearer " + r["auth"]["accessToken"]}
    c.slug = slug
    must(c.call("PATCH", "/api/v1/tenant", {"policy": {"minNoticeMinutes": 0, "maxAdvanceDays": 365,
                                                       "cancellationNoticeMinutes": 0}}, token), 200, "policy")
    week = {d: [{"start": "09:00", "end": "17:00"}]
            for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]}
    staff_ids = []
    for i in range(3):
        s = must(c.call("POST", "/api/v1/staff", {"name": f"Staff {i}"}, token), 201, "staff")
        must(c.call("PUT", f"/api/v1/staff/{s['id']}/schedule", {"weekly": week, "overrides": []}, token), 200, "schedule")
        staff_ids.append(s["id"])
    svc = must(c.call("POST", "/api/v1/services", {"name": "Quick", "durationMinutes": 15, "staffIds": staff_ids}, token),
               201, "service")
    first = datetime.date.today() + datetime.timedelta(days=2)
    last = first + datetime.timedelta(days=6)
    a = must(c.call("GET", f"/api/v1/availability?serviceId={svc['id']}&from={first}&to={last}"), 200, "availability")
    staff = [m["id"] for m in a["staff"]]
    # Bookings contend for one day's (start, staff) pairs (half of them kept booked: a booked pair answers 409), so the
    # cancellers have work within seconds; the readers read the whole week.
    day = first.isoformat()
    pool = [(slot["start"], staff[i]) for slot in a["slots"] for i in slot["staff"] if slot["start"].startswith(day)]
    return {"slug": slug, "service": svc["id"], "from": first.isoformat(), "to": last.isoformat(), "pool": pool}


# --- traffic -----------------------------------------------------------------------------------------------------

BOOKED = []  # (id, manage token) of bookings made, for the cancellers
BOOKED_LOCK = threading.Lock()


def loop(name, bases, slug, step, rate):
    """Calls step at a fixed rate (requests/s), whatever the machine's other load: the traffic of the last minute is
    then the traffic of the first, and what the samples compare is the hosts, not how fast the box was meanwhile. A
    worker that falls behind does not burst to catch up."""
    clients = [Client(b, slug) for b in bases]
    interval = 1.0 / rate
    due = time.monotonic() + random.random() * interval
    i = 0
    while not STOP.is_set():
        wait = due - time.monotonic()
        if wait > 0:
            STOP.wait(wait)
            if STOP.is_set():
                break
        due = max(due + interval, time.monotonic() - interval)
        c = clients[i % len(clients)]
        i += 1
        try:
            step(c)
        except (OSError, http.client.HTTPException) as e:
            STATS.error(f"{name} on :{c.port}: {type(e).__name__} {e}")


def reader(st):
    path = f"/api/v1/availability?serviceId={st['service']}&from={st['from']}&to={st['to']}"

    def step(c):
        status, body = c.call("GET", path)
        STATS.count(f"availability {status}")
        if status != 200:
            STATS.error(f"availability on :{c.port}: {status} {str(body)[:200]}")
    return step


def booker(st):
    def step(c):
        start, staff = random.choice(st["pool"])
        status, body = c.call("POST", "/api/v1/bookings", {
            "serviceId": st["service"], "staffId": staff, "start": start,
            "customer": {"name": "Soak Customer", "email": f"c{random.randrange(1000)}@example.com"}},
            {"Idempotency-Key": str(uuid.uuid4())})
        code = body.get("code") if isinstance(body, dict) else None
        STATS.count(f"booking {status}{' ' + code if code else ''}")
        if status == 201:
            with BOOKED_LOCK:
                BOOKED.append((body["id"], body["manageToken"]))
        elif not (status == 409 and code == "slot_unavailable"):
            STATS.error(f"booking on :{c.port}: {status} {str(body)[:200]}")
    return step


def canceller(st):
    def step(c):
        with BOOKED_LOCK:
            # Keep about half of the pool booked: cancel only while more than that is.
            if len(BOOKED) < len(st["pool"]) // 2:
                item = None
            else:
                item = BOOKED.pop(random.randrange(len(BOOKED)))
        if item is None:
            return
        status, body = c.call("POST", f"/api/v1/bookings/{item[0]}/cancel", {"reason": "soak"},
                              {"X-Manage-Token": item[1]})
        STATS.count(f"cancel {status}")
        if status != 200:
            STATS.error(f"cancel on :{c.port}: {status} {str(body)[:200]}")
    return step


# --- SignalR over a raw WebSocket (JSON protocol; records end with \x1e) --------------------------------------------

class Hub(threading.Thread):
    def __init__(self, base, slug, service, n):
        super().__init__(daemon=True)
        m = re.match(r"http://([^:/]+):(\d+)", base)
        self.host, self.port, self.slug, self.service, self.name = m.group(1), int(m.group(2)), slug, service, f"hub{n}"
        self.events = 0
        self.events_measured = 0
        self.closed = None
        self.sock = None
        self.send_lock = threading.Lock()

    def open(self):
        c = Client(f"http://{self.host}:{self.port}", self.slug)
        status, neg = c.call("POST", "/hubs/availability/negotiate?negotiateVersion=1", None, {"Content-Length": "0"})
        if status != 200:
            raise RuntimeError(f"negotiate {status} {neg}")
        token = neg.get("connectionToken") or neg.get("connectionId")
        s = socket.create_connection((self.host, self.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET /hubs/availability?id={token} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                   f"X-Tenant: {self.slug}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(4096)
            if not chunk:
                break
            head += chunk
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(f"upgrade answered {head[:100]!r}")
        self.sock = s
        self.rest = head.split(b"\r\n\r\n", 1)[1]
        self.send('{"protocol":"json","version":1}\x1e')
        self.send(json.dumps({"type": 1, "invocationId": "1", "target": "Subscribe", "arguments": [self.service]}) + "\x1e")

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        hdr = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big"))
        with self.send_lock:
            self.sock.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def read_exact(self, n):
        while len(self.rest) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed by the server")
            self.rest += chunk
        out, self.rest = self.rest[:n], self.rest[n:]
        return out

    def run(self):
        buf = b""
        self.sock.settimeout(1.0)
        last_ping = time.time()
        try:
            while not STOP.is_set():
                if time.time() - last_ping > 10:  # the server drops a client silent for 30 s
                    self.send('{"type":6}\x1e')
                    last_ping = time.time()
                try:
                    h = self.read_exact(2)
                except socket.timeout:
                    continue
                self.sock.settimeout(10)
                n = h[1] & 0x7F
                if n == 126:
                    n = int.from_bytes(self.read_exact(2), "big")
                elif n == 127:
                    n = int.from_bytes(self.read_exact(8), "big")
                payload = self.read_exact(n)
                self.sock.settimeout(1.0)
                op = h[0] & 0x0F
                if op == 8:
                    raise EOFError(f"close frame {payload[:2].hex()}")
                if op != 1:
                    continue
                buf += payload
                *records, buf = buf.split(b"\x1e")
                for rec in records:
                    msg = json.loads(rec) if rec else {}
                    if msg.get("type") == 1 and msg.get("target") == "availabilityChanged":
                        self.events += 1
                        if MEASURING.is_set():
                            self.events_measured += 1
                    elif msg.get("type") == 3 and msg.get("error"):
                        raise EOFError(f"Subscribe failed: {msg['error']}")
                    elif msg.get("type") == 7:
                        raise EOFError(f"server closed the hub connection: {msg.get('error')}")
        except (OSError, EOFError, ValueError) as e:
            if not STOP.is_set():
                self.closed = f"{type(e).__name__} {e}"
                STATS.error(f"{self.name} on :{self.port} disconnected: {self.closed}")


# --- sampling ---------------------------------------------------------------------------------------------------

GC_HEAP = re.compile(r"^(dotnet_gc_last_collection_heap_size_bytes|process_runtime_dotnet_gc_heap_size_bytes)"
                     r"(\{[^}]*\})?\s+([0-9.eE+]+)", re.M)


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "Threads"):
                out[k] = int(v.split()[0])
    return out["VmRSS"] * 1024, out["Threads"]


def gc_heap(base):
    c = Client(base, None)
    status, body = c.call("GET", "/metrics")
    c.conn.close()
    text = body.decode() if isinstance(body, bytes) else str(body)
    values = [float(m.group(3)) for m in GC_HEAP.finditer(text)]
    return sum(values) if values else None  # the heap's generations, summed


def pg_connections(psql):
    out = subprocess.run(psql + ["-X", "-At", "-c",
                                 "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"],
                         capture_output=True, text=True, timeout=30)
    return int(out.stdout.strip()) if out.returncode == 0 else None


GCDUMP_TOTAL = re.compile(r"^\s*([0-9,]+)\s+GC Heap bytes", re.M)


def live_heap(tool, pid, base, path):
    """Induces a full blocking collection in the host (dotnet-gcdump collect: the heap walk needs one) and returns
    (the reachable objects' bytes from `dotnet-gcdump report`, the GC heap gauge read right after the collection)."""
    out = subprocess.run([tool, "collect", "-p", str(pid), "-o", path], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"dotnet-gcdump collect -p {pid}: {out.returncode} {(out.stdout + out.stderr)[-400:]}")
    gauge = gc_heap(base)
    if gauge is None:
        raise RuntimeError(f"no GC heap gauge on {base}/metrics")
    rep = subprocess.run([tool, "report", path], capture_output=True, text=True, timeout=600)
    m = GCDUMP_TOTAL.search(rep.stdout)
    if rep.returncode != 0 or not m:
        raise RuntimeError(f"dotnet-gcdump report {path}: {rep.returncode} {(rep.stdout + rep.stderr)[:400]}")
    return int(m.group(1).replace(",", "")), gauge


def live_heaps(tool, bases, pids, out, name):
    COLLECTING.set()
    try:
        return [live_heap(tool, p, b, os.path.join(out, f"host{i}-{name}.gcdump"))
                for i, (b, p) in enumerate(zip(bases, pids), 1)]
    finally:
        COLLECTING.clear()


def sampler(bases, pids, psql, every, samples, t0):
    due = time.monotonic()
    while not STOP.is_set():
        wait = due - time.monotonic()
        if wait > 0 and STOP.wait(wait):
            break
        due = max(due + every, time.monotonic())
        if COLLECTING.is_set():  # a host is paused in an induced collection: not a sample of the traffic
            continue
        row = {"t": time.time() - t0}
        try:
            for i, (b, p) in enumerate(zip(bases, pids), 1):
                row[f"rss{i}"], row[f"threads{i}"] = proc_status(p)
                row[f"gcheap{i}"] = gc_heap(b)
            row["pgconn"] = pg_connections(psql)
        except (OSError, http.client.HTTPException, subprocess.SubprocessError) as e:
            STATS.error(f"sampler: {type(e).__name__} {e}")
            continue
        if not COLLECTING.is_set():
            samples.append(row)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--hosts", required=True, help="the instances' base addresses, comma-separated")
    p.add_argument("--pids", required=True, help="their process ids, same order")
    p.add_argument("--duration", type=float, default=900)
    p.add_argument("--warmup", type=float, default=30)
    p.add_argument("--sample", type=float, default=5)
    p.add_argument("--window", type=float, default=60, help="the first and last windows compared, seconds")
    p.add_argument("--max-growth", type=float, default=0.10)
    p.add_argument("--readers", type=int, default=4)
    p.add_argument("--bookers", type=int, default=4)
    p.add_argument("--cancellers", type=int, default=2)
    p.add_argument("--hubs", type=int, default=3, help="hub connections per instance")
    p.add_argument("--read-rate", type=float, default=1.5, help="requests/s of each reader")
    p.add_argument("--book-rate", type=float, default=1, help="requests/s of each booker")
    p.add_argument("--cancel-rate", type=float, default=1, help="at most requests/s of each canceller")
    p.add_argument("--out", required=True, help="directory for samples.csv and the heap dumps")
    p.add_argument("--gcdump", required=True, help="the dotnet-gcdump executable")
    a = p.parse_args()
    bases = a.hosts.split(",")
    pids = [int(x) for x in a.pids.split(",")]
    psql = shlex.split(os.environ["SOAK_PSQL"])

    st = setup(bases[0])
    print(f"soak: tenant {st['slug']}, {len(st['pool'])} (start, staff) slots in the pool, {len(bases)} instances, "
          f"{a.readers} readers x {a.read_rate:g}/s, {a.bookers} bookers x {a.book_rate:g}/s, {a.cancellers} cancellers "
          f"x <= {a.cancel_rate:g}/s, {a.hubs} hub connections per instance; warm-up {a.warmup:.0f} s, "
          f"measured {a.duration:.0f} s", flush=True)
    hubs = [Hub(b, st["slug"], st["service"], i * a.hubs + k) for i, b in enumerate(bases) for k in range(a.hubs)]
    for h in hubs:
        h.open()
        h.start()
    threads = []
    for kind, n, make, rate in (("reader", a.readers, reader, a.read_rate), ("booker", a.bookers, booker, a.book_rate),
                                ("canceller", a.cancellers, canceller, a.cancel_rate)):
        for k in range(n):
            # Start each worker on a different instance; every worker alternates them.
            order = bases[k % len(bases):] + bases[:k % len(bases)]
            t = threading.Thread(target=loop, args=(f"{kind}{k}", order, st["slug"], make(st), rate), daemon=True)
            t.start()
            threads.append(t)

    time.sleep(a.warmup)
    samples = []
    t0 = time.time()
    MEASURING.set()
    smp = threading.Thread(target=sampler, args=(bases, pids, psql, a.sample, samples, t0), daemon=True)
    smp.start()
    next_report = 60
    os.makedirs(a.out, exist_ok=True)
    live_first = live_end = None
    while time.time() - t0 < a.duration:
        time.sleep(1)
        if live_first is None and time.time() - t0 >= a.window:
            live_first = live_heaps(a.gcdump, bases, pids, a.out, "first")
            print("  live heap at the end of the first window: " + ", ".join(
                f"host {i} {v / 2**20:.1f} MiB (gauge after {g / 2**20:.1f} MiB)" for i, (v, g) in enumerate(live_first, 1)),
                flush=True)
        if time.time() - t0 >= next_report:
            with STATS.lock:
                c = dict(STATS.counts)
                e = len(STATS.errors)
            last = samples[-1] if samples else {}
            print(f"  {next_report:4.0f} s: rss {last.get('rss1', 0) / 2**20:.0f}/{last.get('rss2', 0) / 2**20:.0f} MiB, "
                  f"pg connections {last.get('pgconn')}, errors {e}, requests {sum(c.values())}", flush=True)
            next_report += 60
    elapsed = time.time() - t0
    if live_first is None:
        live_first = live_heaps(a.gcdump, bases, pids, a.out, "first")
    live_end = live_heaps(a.gcdump, bases, pids, a.out, "end")  # under the same traffic as the first
    STOP.set()
    for t in threads + [smp]:
        t.join(timeout=35)
    samples = [r for r in samples if r["t"] <= elapsed]

    keys = ["rss1", "rss2", "gcheap1", "gcheap2", "threads1", "threads2", "pgconn"]
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "samples.csv"), "w") as f:
        f.write("t," + ",".join(keys) + "\n")
        for row in samples:
            f.write(f"{row['t']:.1f}," + ",".join("" if row.get(k) is None else str(row[k]) for k in keys) + "\n")

    first = [r for r in samples if r["t"] < a.window]
    lastw = [r for r in samples if r["t"] >= elapsed - a.window]
    failures = []

    def avg(rows, k):
        v = [r[k] for r in rows if r.get(k) is not None]
        return sum(v) / len(v) if v else None

    labels = {"rss": ("RSS", "MiB", 2**20), "gcheap": ("GC heap after last GC, info", "MiB", 2**20), "threads": ("threads", "", 1),
              "pgconn": ("PostgreSQL connections", "", 1)}
    print(f"\nsoak figures ({elapsed:.0f} s measured after a {a.warmup:.0f} s warm-up; {len(samples)} samples every "
          f"{a.sample:.0f} s; first {a.window:.0f} s average -> last {a.window:.0f} s average; limit +{a.max_growth:.0%})")
    print(f"  {'series':<42}{'start':>10}{'end':>10}{'first avg':>11}{'last avg':>10}{'growth':>9}")
    for k in keys:
        base = re.sub(r"\d$", "", k)
        label, unit, div = labels[base]
        name = f"{label}{' host ' + k[-1] if k[-1].isdigit() else ''}{' (' + unit + ')' if unit else ''}"
        f_avg, l_avg = avg(first, k), avg(lastw, k)
        if f_avg is None or l_avg is None or not samples:
            failures.append(f"{name}: no samples")
            print(f"  {name:<42} no samples")
            continue
        growth = (l_avg - f_avg) / f_avg if f_avg else 0.0
        s_val, e_val = samples[0].get(k), samples[-1].get(k)
        fmt = (lambda v: f"{v / div:.1f}") if div > 1 else (lambda v: f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}")
        print(f"  {name:<42}{fmt(s_val) if s_val is not None else '-':>10}{fmt(e_val) if e_val is not None else '-':>10}"
              f"{fmt(f_avg):>11}{fmt(l_avg):>10}{growth:>+9.1%}")
        if growth >= a.max_growth and base != "gcheap":  # the gauge's staircase: information, see the live heap
            failures.append(f"{name} grew {growth:+.1%} (first-minute average {fmt(f_avg)}, last-minute {fmt(l_avg)})")

    print(f"  live heap (dotnet-gcdump: reachable objects after an induced full blocking collection, at the end of the "
          f"first {a.window:.0f} s and at the end; limit +{a.max_growth:.0%}):")
    for i, ((v1, g1), (v2, g2)) in enumerate(zip(live_first, live_end), 1):
        growth = (v2 - v1) / v1
        print(f"    host {i}: {v1 / 2**20:.1f} MiB -> {v2 / 2**20:.1f} MiB, {growth:+.1%} (GC heap gauge right after: "
              f"{g1 / 2**20:.1f} -> {g2 / 2**20:.1f} MiB)")
        if growth >= a.max_growth:
            failures.append(f"live heap host {i} grew {growth:+.1%} ({v1 / 2**20:.1f} -> {v2 / 2**20:.1f} MiB)")

    with STATS.lock:
        counts, errors = dict(STATS.counts), list(STATS.errors)
    total = sum(counts.values())
    print(f"  requests in the measured time: {total} ({total / elapsed:.1f}/s): "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    dead = [h.name for h in hubs if h.closed]
    silent = [h.name for h in hubs if h.events_measured == 0]
    print(f"  hub connections: {len(hubs)}, disconnected {len(dead)}, availabilityChanged received "
          f"{sum(h.events_measured for h in hubs)} (per connection {min(h.events_measured for h in hubs)}-"
          f"{max(h.events_measured for h in hubs)})")
    if silent:
        failures.append(f"hub connections that received no event: {silent}")
    if not any(k.startswith("booking 201") for k in counts) or not any(k.startswith("cancel 200") for k in counts):
        failures.append("no successful booking or no cancel in the measured time")
    print(f"  errors: {len(errors)}")
    for e in errors[:20]:
        print(f"    {e}")
    if errors:
        failures.append(f"{len(errors)} errors")
    if failures:
        print("SOAK FAILED: " + "; ".join(failures))
        return 1
    print("SOAK OK: every series and the live heaps within the limit, zero errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
