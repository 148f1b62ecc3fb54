#!/usr/bin/env python3
"""Seeds the load benchmark's tenant over the HTTP API and writes what the runs need.

A tenant with a team of 5 (every day 09:00-17:00, Australia/Sydney), one 15-minute service, 10,000
bookings filling half of every staff member's time over the first weeks, and a file of request bodies for
distinct free slots further out.
Standard library only.
"""
import argparse
import concurrent.futures
import datetime
import json
import sys
import urllib.error
import urllib.request
import uuid

ZONE = "Australia/Sydney"


def call(base, method, path, body=None, tenant=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if tenant:
        request.add_header("X-Tenant", tenant)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def must(result, status):
    if result[0] != status:
        sys.exit(f"seed: expected {status}, got {result[0]}: {result[1]}")
    return result[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True, help="shell file of variables to write")
    parser.add_argument("--bodies", required=True, help="file of booking bodies (one JSON per line) for the POST run")
    parser.add_argument("--bookings", type=int, default=10000)
    parser.add_argument("--free", type=int, default=6000, help="how many free slots to write bodies for")
    args = parser.parse_args()
    base = args.base

    slug = "load" + uuid.uuid4().hex[:10]
    signup = must(call(base, "POST", "/api/v1/tenants", {
        "slug": slug, "name": "Load Test", "timeZone": ZONE,
        "owner": {"name": "Owner", "email": "owner@example.com", "password": "load-test-password"}}), 201)
    token = signup["auth"]["accessToken"]
    tenant_id = signup["tenant"]["id"]
    must(call(base, "PATCH", "/api/v1/tenant", {"policy": {"minNoticeMinutes": 0, "maxAdvanceDays": 365}}, slug, token), 200)

    day = [{"start": "09:00", "end": "17:00"}]
    week = {d: day for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]}
    staff_ids = []
    for i in range(5):
        staff = must(call(base, "POST", "/api/v1/staff", {"name": f"Staff {i}"}, slug, token), 201)
        must(call(base, "PUT", f"/api/v1/staff/{staff['id']}/schedule", {"weekly": week, "overrides": []}, slug, token), 200)
        staff_ids.append(staff["id"])
    service = must(call(base, "POST", "/api/v1/services",
                        {"name": "Quick", "durationMinutes": 15, "staffIds": staff_ids}, slug, token), 201)

    first = datetime.date.today() + datetime.timedelta(days=2)

    def slots_on(d):
        text = d.isoformat()
        result = must(call(base, "GET", f"/api/v1/availability?serviceId={service['id']}&from={text}&to={text}", tenant=slug), 200)
        # The compact answer lists the staff once; a slot names them by index.
        staff = [member["id"] for member in result["staff"]]
        return [(slot["start"], staff[i]) for slot in result["slots"] for i in slot["staff"]]

    def body(start, staff):
        return {"serviceId": service["id"], "start": start, "staffId": staff,
                "customer": {"name": "Load Customer", "email": "customer@example.com"}}

    # Half of each staff member's slots, staggered across the team (a staff member is booked at every other start,
    # the next one at the others): a busy calendar with free time left at every start, so the availability
    # answers have slots in them and busy time does not merge into whole days.
    def half_of(items):
        starts = sorted({start for start, _ in items})
        return [(start, staff) for start, staff in items
                if (starts.index(start) + staff_ids.index(staff)) % 2 == 0]

    seeded, d = [], first
    while len(seeded) < args.bookings:
        seeded.extend(half_of(slots_on(d)))
        d += datetime.timedelta(days=1)
    seeded = seeded[:args.bookings]
    booked_until = d

    def book(item):
        return call(base, "POST", "/api/v1/bookings", body(*item), tenant=slug)[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(book, seeded))
    failures = sum(1 for s in statuses if s != 201)
    if failures:
        sys.exit(f"seed: {failures} of {len(seeded)} bookings failed")

    # Free slots for the POST run: after the booked weeks, one per (start, staff).
    free, d = [], booked_until + datetime.timedelta(days=2)
    while len(free) < args.free:
        free.extend(slots_on(d))
        d += datetime.timedelta(days=1)
    with open(args.bodies, "w") as f:
        for item in free:
            f.write(json.dumps(body(*item)) + "\n")

    week_from = first + datetime.timedelta(days=7)
    week_to = week_from + datetime.timedelta(days=6)
    # The instant range the store reads for that week (engine margins: a day before, two after).
    range_from = datetime.datetime.combine(week_from - datetime.timedelta(days=1), datetime.time(), datetime.timezone.utc)
    range_to = datetime.datetime.combine(week_to + datetime.timedelta(days=3), datetime.time(), datetime.timezone.utc)
    with open(args.out, "w") as f:
        f.write(f"LOAD_SLUG={slug}\nLOAD_TENANT_ID={tenant_id}\nLOAD_SERVICE_ID={service['id']}\n")
        f.write(f"LOAD_STAFF_IDS={','.join(staff_ids)}\nLOAD_FROM={week_from.isoformat()}\nLOAD_TO={week_to.isoformat()}\n")
        f.write(f"LOAD_RANGE_FROM={range_from.isoformat()}\nLOAD_RANGE_TO={range_to.isoformat()}\n")
    print(f"seeded tenant {slug}: 5 staff, 1 service, {len(seeded)} bookings, {len(free)} free slots for the POST run")


if __name__ == "__main__":
    main()
