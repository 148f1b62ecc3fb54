// Generated from the reference host's /openapi/v1.json by openapi-typescript: do not edit.
// Regenerate with `node scripts/api-types.mjs HOST_URL`; the e2e suite fails when this file drifts from the host.
export interface paths {
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Creates a tenant and its owner, and signs the owner in. */
        post: operations["SignUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Changes the signed-in user's password; their other sessions end, and this one gets new tokens. */
        post: operations["ChangePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user. */
        get: operations["GetMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The free slots of a service between two local dates (at most 62 days); at most 2 MiB, cut at a whole date (truncatedAfter). */
        get: operations["GetAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Books a recurring series: every occurrence in one transaction (allOrNothing), or the free ones (available). */
        post: operations["CreateBookingSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's audit log, newest first: who changed what, when, with the entity before and after. Filters: entity (id), actor (user id), from/to (inclusive local dates). */
        get: operations["ListAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's public information and policy. */
        get: operations["GetTenant"];
        put?: never;
        post?: never;
        /** Closes the tenant: it is not found from then on (404), its slug stays taken, and its data is purged after the retention period. */
        delete: operations["CloseTenant"];
        options?: never;
        head?: never;
        /** Changes the tenant's name, zone, currency or policy. */
        patch: operations["UpdateTenant"];
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs in with an email and password. */
        post: operations["SignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchanges a refresh token for a new pair; each works once. */
        post: operations["RefreshToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** E-mails a password-reset link (1 hour, single use) when a user has the address; always 202, whether or not one has. */
        post: operations["RequestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sets a new password with a reset link's token; every session of the user ends. */
        post: operations["ConfirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accepts an invitation with its token, a name and a password; the new user is signed in. */
        post: operations["AcceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's users, by email. */
        get: operations["ListUsers"];
        put?: never;
        /** Adds a user (owner, admin or staff). */
        post: operations["CreateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a user; their tokens stop working at once. Only an owner removes owners; the last owner stays. */
        delete: operations["DeleteUser"];
        options?: never;
        head?: never;
        /** Changes a user's role or staff link; their tokens stop working at once. Only an owner changes or makes owners; the last owner stays one. */
        patch: operations["UpdateUser"];
        trace?: never;
    };
    "/api/v1/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** E-mails an invitation link (7 days, single use) to join the tenant with a role. */
        post: operations["InviteUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The services: active ones, or all for admins. */
        get: operations["ListServices"];
        put?: never;
        /** Adds a service. */
        post: operations["CreateService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A service. */
        get: operations["GetService"];
        put?: never;
        post?: never;
        /** Deletes a service; its bookings stay. */
        delete: operations["DeleteService"];
        options?: never;
        head?: never;
        /** Changes the fields present in the body. */
        patch: operations["UpdateService"];
        trace?: never;
    };
    "/api/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff (emails for admins only). */
        get: operations["ListStaff"];
        put?: never;
        /** Adds a staff member. */
        post: operations["CreateStaff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A staff member. */
        get: operations["GetStaff"];
        put?: never;
        post?: never;
        /** Deletes a staff member; their bookings stay. */
        delete: operations["DeleteStaff"];
        options?: never;
        head?: never;
        /** Changes the fields present in the body. */
        patch: operations["UpdateStaff"];
        trace?: never;
    };
    "/api/v1/staff/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff member's working hours. */
        get: operations["GetSchedule"];
        /** Replaces the staff member's working hours. */
        put: operations["SetSchedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{id}/time-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff member's time off. */
        get: operations["ListTimeOff"];
        put?: never;
        /** Adds time off. */
        post: operations["AddTimeOff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{id}/time-off/{timeOffId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes time off. */
        delete: operations["DeleteTimeOff"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{id}/caldav": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The CalDAV sync status, last sync, last error and conflicting bookings (never the password). */
        get: operations["GetCalDav"];
        /** Connects (or replaces) the staff member's CalDAV calendar; its events become busy time within the sync interval. */
        put: operations["ConnectCalDav"];
        post?: never;
        /** Disconnects the CalDAV calendar; its busy time is forgotten. */
        delete: operations["DisconnectCalDav"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/closures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's closures, by first date. */
        get: operations["ListClosures"];
        put?: never;
        /** Closes the tenant on local dates; bookings already made on them stay and are listed in the answer. */
        post: operations["CreateClosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/closures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a closure. */
        delete: operations["DeleteClosure"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's resources, by name. */
        get: operations["ListResources"];
        put?: never;
        /** Adds a resource. */
        post: operations["CreateResource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A resource. */
        get: operations["GetResource"];
        put?: never;
        post?: never;
        /** Deletes a resource no service requires; bookings made keep their units. */
        delete: operations["DeleteResource"];
        options?: never;
        head?: never;
        /** Changes the fields present in the body; the quantity cannot go down while bookings that have not ended use the resource. */
        patch: operations["UpdateResource"];
        trace?: never;
    };
    "/api/v1/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of bookings (staff see their own). */
        get: operations["ListBookings"];
        put?: never;
        /** Books an offered slot. */
        post: operations["CreateBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A booking (admins, its staff member, or its guest with X-Manage-Token). */
        get: operations["GetBooking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancels a booking, freeing its time; cancelling again changes nothing. */
        post: operations["CancelBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moves a booking to another offered slot, atomically. */
        post: operations["RescheduleBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approves a pending booking: it becomes confirmed (owners and admins). */
        post: operations["ApproveBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declines a pending booking, freeing its time at once (owners and admins). */
        post: operations["DeclineBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks a confirmed booking whose start has passed a no-show (admins and its staff member). */
        post: operations["MarkBookingNoShow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The booking as an iCalendar event. */
        get: operations["GetBookingCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancels one occurrence, it and the following ones, or all (admins, or the series manage token). */
        post: operations["CancelBookingSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moves one occurrence, it and the following ones, or all, atomically (admins, or the series manage token). */
        post: operations["RescheduleBookingSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Holds an offered slot for the policy's holdMinutes; book it with holdId, or release it. */
        post: operations["CreateHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Releases a hold at once; idempotent (an unknown, lapsed or booked hold answers 204 too). */
        delete: operations["ReleaseHold"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's waitlist in join order, filtered by service and status; paged. */
        get: operations["ListWaitlist"];
        put?: never;
        /** Joins a service's waitlist for a range of local dates; the answer's leaveToken (shown only here) leaves it. */
        post: operations["JoinWaitlist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Leaves the waitlist with the entry's X-Leave-Token (an open offer's hold is released); a wrong token answers 404. */
        delete: operations["LeaveWaitlist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's booking e-mails, newest first: pending (waiting or being retried), sent, failed (parked) or cancelled. */
        get: operations["ListNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's customers by e-mail (case-insensitive), in address order; search matches name, e-mail or phone. */
        get: operations["ListCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{email}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer with every booking of theirs, latest start first. */
        get: operations["GetCustomer"];
        put?: never;
        post?: never;
        /** Erases a customer: bookings stay with the personal fields replaced everywhere they are kept; a second erasure answers 404. */
        delete: operations["EraseCustomer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{email}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything kept about one customer: bookings with answers, the audit entries about them, their e-mail notifications. */
        get: operations["ExportCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole tenant as JSON, streamed: tenant, services, staff, schedules, time off, closures, users (no password hashes), bookings, audit. */
        get: operations["ExportTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's webhook subscriptions, oldest first. */
        get: operations["ListWebhooks"];
        put?: never;
        /** Subscribes a URL to event types; the answer carries the signing secret, shown only here. */
        post: operations["CreateWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook subscription. */
        get: operations["GetWebhook"];
        put?: never;
        post?: never;
        /** Removes a subscription and its delivery log. */
        delete: operations["DeleteWebhook"];
        options?: never;
        head?: never;
        /** Changes the URL, the events or whether it is enabled (enabling clears its failure record). */
        patch: operations["UpdateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Gives the subscription a new secret; the old one keeps signing (a second v1=) during the overlap (default 24 h). */
        post: operations["RotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queues a signed ping event to the subscription. */
        post: operations["PingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The subscription's deliveries, newest first: status, attempts, response status, duration and excerpt. */
        get: operations["ListWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queues the delivery's event again (same event id and body, a new delivery id). */
        post: operations["ReplayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's API keys (prefix, scopes, created, last used), oldest first; never their secrets. */
        get: operations["ListApiKeys"];
        put?: never;
        /** Makes an API key with scopes (read, bookings, admin); the answer is the only one that shows the key. */
        post: operations["CreateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes an API key: from the next request on, on every instance, it is refused (401). */
        delete: operations["RevokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{id}/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issues the staff member's secret calendar feed URL, replacing the one they had (which stops working at once). */
        post: operations["RotateStaffFeed"];
        /** Revokes the staff member's calendar feed URL; revoking again changes nothing. */
        delete: operations["DeleteStaffFeed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/feeds/{token}.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A staff member's bookings as an iCalendar subscription (anyone with the URL); If-None-Match answers 304. */
        get: operations["GetStaffFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Accepting an invitation (`POST /api/v1/auth/invitations/accept`). */
        AcceptInvitationRequest: {
            /** @description The token from the e-mailed link. */
            token: null | string;
            /** @description The new user's name. */
            name: null | string;
            /** @description Their password: 8–128 characters. */
            password: null | string;
        };
        /** @description A key just made: the only answer that carries the key itself. */
        ApiKeyCreatedResponse: {
            /**
             * Format: uuid
             * @description The key's id.
             */
            id: string;
            /** @description Its name. */
            name: string;
            /** @description The public part of the key. */
            prefix: string;
            /** @description Its scopes. */
            scopes: string[];
            /**
             * Format: date-time
             * @description When it was made.
             */
            createdAt: string;
            /** @description The key, for `Authorization: Bearer …`: shown here once, never again (only its hash is kept). */
            key: string;
        };
        /** @description An API key as listed: never its secret. */
        ApiKeyResponse: {
            /**
             * Format: uuid
             * @description The key's id.
             */
            id: string;
            /** @description Its name. */
            name: string;
            /** @description The public part of the key (`bmz_{prefix}_…`), to tell keys apart. */
            prefix: string;
            /** @description Its scopes: `read`, `bookings`, `admin`. */
            scopes: string[];
            /**
             * Format: date-time
             * @description When it was made.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it last authenticated a request (kept to the minute), or null.
             */
            lastUsedAt: null | string;
        };
        /** @description One change in the audit log (`GET /api/v1/audit`). */
        AuditEntryResponse: {
            /**
             * Format: uuid
             * @description The entry's id.
             */
            id: string;
            /**
             * Format: date-time
             * @description When the change happened.
             */
            at: string;
            /** @description Who made it: `user`, or `anonymous` (a reset link, an accepted invitation). */
            actorType: string;
            /**
             * Format: uuid
             * @description The user that made it, when known.
             */
            actorId: null | string;
            /** @description What kind of thing changed (`user`). */
            entity: string;
            /**
             * Format: uuid
             * @description The thing that changed.
             */
            entityId: string;
            /** @description What happened: `user.created`, `user.invited`, `user.invitation_accepted`, `user.role_changed`, `user.removed`, `user.password_changed`, `user.password_reset`. */
            action: string;
            /** @description The entity before as a JSON object (no secrets); JSON `null` when it did not exist. */
            before: components["schemas"]["JsonElement"];
            /** @description The entity after as a JSON object (no secrets); JSON `null` when it no longer exists. */
            after: components["schemas"]["JsonElement"];
        };
        /** @description Tokens for a signed-in user. */
        AuthResponse: {
            /** @description A JWT for the `Authorization: Bearer` header. */
            accessToken: string;
            /** @description A one-time token for `POST /api/v1/auth/refresh`. */
            refreshToken: string;
            /**
             * Format: date-time
             * @description When the access token expires.
             */
            expiresAt: string;
            /** @description Who signed in. */
            user: components["schemas"]["UserResponse"];
        };
        /**
         * @description A service's free slots (`GET /api/v1/availability`): the staff listed once, each slot naming its free staff by
         *     their index in `staff`. At most 2 MiB: a window that would be larger is answered up to and including the local
         *     date `truncatedAfter`; ask again from the day after it for the rest.
         */
        AvailabilityResponse: {
            /**
             * Format: uuid
             * @description The service.
             */
            serviceId: string;
            /** @description The zone of the dates and of the slots' offsets. */
            timeZone: string;
            /** @description The staff the answer considers (active, performing the service, or just the one asked for), in the service's order. */
            staff: components["schemas"]["AvailabilityStaffResponse"][];
            /** @description One entry per start instant, by start. */
            slots: components["schemas"]["SlotResponse"][];
            /**
             * Format: date
             * @description The last local date answered when the window did not fit; absent (null) when the answer is complete.
             */
            truncatedAfter?: null | string;
        };
        /** @description A staff member as an availability answer lists them. */
        AvailabilityStaffResponse: {
            /**
             * Format: uuid
             * @description The staff member's id.
             */
            id: string;
            /** @description Their name. */
            name: string;
        };
        /** @description An answer kept with a booking, with the question as it was asked (a later edit of the question doesn't change it). */
        BookingAnswerDto: {
            /**
             * Format: uuid
             * @description The question's id.
             */
            questionId: string;
            /** @description The question's label when the booking was made. */
            label: string;
            /** @description The question's type then. */
            type: string;
            /** @description The answer: a string, an array of strings, a boolean or a number, as the type says. */
            value: components["schemas"]["JsonElement"];
        };
        /** @description A booking. */
        BookingResponse: {
            /**
             * Format: uuid
             * @description The booking's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The service.
             */
            serviceId: string;
            /**
             * Format: uuid
             * @description Who performs it.
             */
            staffId: string;
            /**
             * Format: date-time
             * @description The start, in the tenant's (or requested) zone.
             */
            start: string;
            /**
             * Format: date-time
             * @description The end.
             */
            end: string;
            /** @description `pending` (awaiting approval), `confirmed`, `cancelled`, `declined`, `expired` or `no_show`. */
            status: string;
            /** @description Who booked. */
            customer: components["schemas"]["CustomerDto"];
            /** @description The notes. */
            notes: null | string;
            /**
             * Format: date-time
             * @description When it was booked.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it stopped holding its time: cancelled, declined or expired.
             */
            cancelledAt: null | string;
            /** @description Why it was cancelled or declined. */
            cancelReason: null | string;
            /** @description The guest's secret for managing the booking: only in the create response. */
            manageToken: null | string;
            /** @description The answers given when it was booked, in the questions' order, each with the question as it was asked then. */
            answers?: null | components["schemas"]["BookingAnswerDto"][];
            /**
             * Format: date-time
             * @description For a pending (or expired) booking: its approval deadline; absent otherwise.
             */
            expiresAt?: null | string;
            /**
             * Format: uuid
             * @description The recurring series this booking is an occurrence of; absent for a single booking.
             */
            seriesId?: null | string;
            /**
             * @description Every staff member who serves the booking: Guid BookingResponse.StaffId first, then, for a collective service, the others who
             *     serve it together (each of their calendars is blocked alike).
             */
            staffIds?: null | string[];
        };
        /** @description A calendar event over a booking. */
        CalDavConflictResponse: {
            /**
             * Format: uuid
             * @description The booking (it is kept).
             */
            bookingId: string;
            /**
             * Format: date-time
             * @description Its start.
             */
            bookingStart: string;
            /**
             * Format: date-time
             * @description Its end.
             */
            bookingEnd: string;
            /**
             * Format: date-time
             * @description Where the calendar's busy time starts.
             */
            busyStart: string;
            /**
             * Format: date-time
             * @description Where it ends.
             */
            busyEnd: string;
        };
        /** @description Connects a staff member's CalDAV calendar (`PUT /api/v1/staff/{id}/caldav`). */
        CalDavConnectionRequest: {
            /** @description The calendar collection's URL, e.g. `https://dav.example.com/alice/work/`. */
            url: null | string;
            /** @description The account name. */
            username: null | string;
            /** @description The password (or app password); stored encrypted and never shown again. */
            password: null | string;
        };
        /** @description A staff member's CalDAV connection and its sync status (never the password). */
        CalDavStatusResponse: {
            /** @description The calendar collection's URL. */
            url: string;
            /** @description The account name. */
            username: string;
            /** @description `pending` (not synced yet), `ok` (the last sync succeeded) or `error` (it failed: see LastError). */
            status: string;
            /**
             * Format: date-time
             * @description When it was connected.
             */
            connectedAt: string;
            /**
             * Format: date-time
             * @description When the last sync succeeded.
             */
            lastSyncAt: null | string;
            /**
             * Format: date-time
             * @description When the last sync was tried.
             */
            lastAttemptAt: null | string;
            /** @description Why the last sync failed, if it did. */
            lastError: null | string;
            /**
             * Format: int32
             * @description Failed syncs in a row (the retry backs off).
             */
            consecutiveFailures: number | string;
            /**
             * Format: int32
             * @description Calendar events with busy time in the sync window (a recurring event counts once).
             */
            eventCount: number | string;
            /** @description Bookings that calendar events now overlap: the bookings stay; the admin decides. */
            conflicts: components["schemas"]["CalDavConflictResponse"][];
        };
        /** @description A staff member's secret calendar feed (`POST /api/v1/staff/{id}/feed`), shown only in this answer. */
        CalendarFeedResponse: {
            /** @description The iCalendar subscription URL (`…/feeds/{token}.ics`); anyone with it can read the staff member's bookings. */
            url: string;
        };
        /** @description A cancellation. */
        CancelBookingRequest: {
            /** @description An optional reason (up to 2000 characters). */
            reason: null | string;
        };
        /** @description A cancellation of occurrences of a series (`POST /api/v1/series/{id}/cancel`). */
        CancelSeriesRequest: {
            /** @description `one` (the booking named), `following` (it and the later ones) or `all`. */
            scope: null | string;
            /**
             * Format: uuid
             * @description The occurrence `one` and `following` start from.
             */
            bookingId?: null | string;
            /** @description An optional reason (up to 2000 characters). */
            reason?: null | string;
        };
        /** @description A password change by the signed-in user (`POST /api/v1/auth/password`). */
        ChangePasswordRequest: {
            /** @description The password now. */
            currentPassword: null | string;
            /** @description The new one: 8–128 characters. */
            newPassword: null | string;
        };
        /**
         * @description A closure just added, with the bookings already made on its dates: they are not cancelled, so that an admin can
         *     decide what to do with each.
         */
        ClosureCreatedResponse: {
            /**
             * Format: uuid
             * @description The closure's id.
             */
            id: string;
            /**
             * Format: date
             * @description The first closed date, in the tenant's time zone.
             */
            from: string;
            /**
             * Format: date
             * @description The last closed date (inclusive).
             */
            to: string;
            /** @description The reason, if given. */
            reason: null | string;
            /** @description Confirmed bookings starting on the closed dates, by start (at most 200). */
            affectedBookings: components["schemas"]["BookingResponse"][];
            /** @description Whether more bookings are affected than listed (list them with `GET /bookings?from&amp;to`). */
            moreAffectedBookings: boolean;
        };
        /** @description A tenant-wide closure to add: local dates in the tenant's time zone, inclusive. */
        ClosureRequest: {
            /**
             * Format: date
             * @description The first closed date (1900–2200).
             */
            from: null | string;
            /**
             * Format: date
             * @description The last closed date (not before From).
             */
            to: null | string;
            /** @description An optional reason (up to 2000 characters), shown to anyone. */
            reason: null | string;
        };
        /** @description A tenant-wide closure: nothing is offered on its dates. */
        ClosureResponse: {
            /**
             * Format: uuid
             * @description The closure's id.
             */
            id: string;
            /**
             * Format: date
             * @description The first closed date, in the tenant's time zone.
             */
            from: string;
            /**
             * Format: date
             * @description The last closed date (inclusive).
             */
            to: string;
            /** @description The reason, if given. */
            reason: null | string;
        };
        /** @description A new password set with a reset link (`POST /api/v1/auth/password-reset/confirm`). */
        ConfirmPasswordResetRequest: {
            /** @description The token from the e-mailed link. */
            token: null | string;
            /** @description The new password: 8–128 characters. */
            newPassword: null | string;
        };
        /** @description A new API key (`POST /api/v1/api-keys`). */
        CreateApiKeyRequest: {
            /** @description What to call it: 1–200 characters. */
            name: null | string;
            /**
             * @description What it may do, one or more of `read` (every `GET` an admin may make), `bookings` (`read` plus
             *     booking and hold writes) and `admin` (every admin route except users, API keys and audit).
             */
            scopes: null | string[];
        };
        /** @description A booking request (`POST /api/v1/bookings`). */
        CreateBookingRequest: {
            /**
             * Format: uuid
             * @description The service.
             */
            serviceId: null | string;
            /**
             * Format: date-time
             * @description An offered start, with an offset.
             */
            start: null | string;
            /**
             * Format: uuid
             * @description A staff member; absent = anyone free.
             */
            staffId: null | string;
            customer: null | components["schemas"]["CustomerDto"];
            /** @description Optional notes (up to 2000 characters). */
            notes: null | string;
            /**
             * @description The answers to the service's questions by question id: a string for `text`, `longText`, `choice`,
             *     `phone` and `email`; an array of strings for `multiChoice`; a boolean for `checkbox`; a number for
             *     `number`. An optional question may be left out (or be null, blank or an empty array).
             */
            answers?: null | Record<string, never>;
            /**
             * Format: uuid
             * @description A hold to book (from `POST /api/v1/holds`): the request repeats its `serviceId` and `start` and books
             *     exactly the held service, start and staff member. A lapsed, released, already booked or unknown hold answers
             *     `409 hold_expired`.
             */
            holdId?: null | string;
            /**
             * @description The language the customer books in, a BCP 47 tag such as `de` or `fr-CA`: their e-mails are in it when
             *     there are e-mails in that language (`en`, `de`, `fr`), else in the tenant's default language, else in
             *     English. A tag that is not one is `400`.
             */
            locale?: null | string;
        };
        /** @description A checkout hold request (`POST /api/v1/holds`). */
        CreateHoldRequest: {
            /**
             * Format: uuid
             * @description The service.
             */
            serviceId: null | string;
            /**
             * Format: date-time
             * @description An offered start, with an offset.
             */
            start: null | string;
            /**
             * Format: uuid
             * @description A staff member; absent = anyone free (chosen as for a booking).
             */
            staffId?: null | string;
        };
        /**
         * @description A recurring series (`POST /api/v1/bookings/series`): the fields of a booking for its first occurrence, how it
         *     recurs, and what to do when some occurrences are not available.
         */
        CreateSeriesRequest: {
            /**
             * Format: uuid
             * @description The service.
             */
            serviceId: null | string;
            /**
             * Format: date-time
             * @description The first occurrence's start, with an offset; every occurrence keeps its local time of day in the tenant's zone.
             */
            start: null | string;
            /**
             * Format: uuid
             * @description A staff member; absent = anyone free (the first occurrence's staff member is preferred for the others).
             */
            staffId: null | string;
            customer: null | components["schemas"]["CustomerDto"];
            /** @description Optional notes (up to 2000 characters). */
            notes: null | string;
            recurrence: null | components["schemas"]["RecurrenceDto"];
            /** @description `allOrNothing` (every occurrence or none: `409 slot_unavailable` listing `skipped`) or `available` (the free ones). */
            mode: null | string;
            /** @description The answers to the service's questions, as for a booking; every occurrence keeps them. */
            answers?: null | Record<string, never>;
        };
        /** @description A new user (`POST /api/v1/users`). */
        CreateUserRequest: {
            /** @description Their name. */
            name: null | string;
            /** @description Their email, unique within the tenant. */
            email: null | string;
            /** @description Their password: 8–128 characters. */
            password: null | string;
            /** @description `admin` or `staff` (an owner may also add an `owner`). */
            role: null | string;
            /**
             * Format: uuid
             * @description For `staff`: the staff member they are (required).
             */
            staffId: null | string;
        };
        /** @description A customer with their booking history. */
        CustomerDetailResponse: {
            /** @description The customer. */
            customer: components["schemas"]["CustomerResponse"];
            /** @description Every booking of theirs, latest start first, with answers. */
            bookings: components["schemas"]["BookingResponse"][];
        };
        /** @description The guest who books. */
        CustomerDto: {
            /** @description Their name. */
            name: null | string;
            /** @description Their email. */
            email: null | string;
            /** @description An optional phone number. */
            phone: null | string;
        };
        /** @description Everything kept about one customer (data portability). */
        CustomerExportResponse: {
            /**
             * Format: date-time
             * @description When the export was made.
             */
            exportedAt: string;
            /** @description The customer. */
            customer: components["schemas"]["CustomerResponse"];
            /** @description Every booking of theirs, latest start first, with answers. */
            bookings: components["schemas"]["BookingResponse"][];
            /** @description The audit entries about those bookings, newest first. */
            audit: components["schemas"]["AuditEntryResponse"][];
            /** @description The e-mail notifications about those bookings, newest first. */
            notifications: components["schemas"]["NotificationResponse"][];
        };
        /** @description A customer's booking with the latest start. */
        CustomerLastBookingDto: {
            /**
             * Format: uuid
             * @description The booking.
             */
            id: string;
            /**
             * Format: uuid
             * @description Its service.
             */
            serviceId: string;
            /**
             * Format: date-time
             * @description Its start.
             */
            start: string;
            /** @description Its status. */
            status: string;
        };
        /**
         * @description A customer: everyone who booked with one e-mail address (compared case-insensitively), with the name and phone of
         *     their most recently made booking.
         */
        CustomerResponse: {
            /** @description The address (as the latest booking gave it); the customer's key in the routes. */
            email: string;
            /** @description The name the latest booking gave. */
            name: string;
            /** @description The phone the latest booking gave, if any. */
            phone: null | string;
            /** @description Bookings by status (`confirmed`, `cancelled`, …, `no_show`; zero included). */
            bookingCounts: {
                [key: string]: number | string;
            };
            /** @description The booking with the latest start. */
            lastBooking: components["schemas"]["CustomerLastBookingDto"];
        };
        /** @description The intervals of one local date, replacing its weekly ones; none = a day off. */
        DateOverrideDto: {
            /**
             * Format: date
             * @description The local date, `YYYY-MM-DD`.
             */
            date: null | string;
            /** @description That date's intervals. */
            intervals: null | components["schemas"]["IntervalDto"][];
        };
        /** @description A decline of a pending booking. */
        DeclineBookingRequest: {
            /** @description An optional reason (up to 2000 characters), told to the customer. */
            reason: null | string;
        };
        /**
         * @description A checkout hold: the time is kept for the guest until ExpiresAt. Book it with
         *     `POST /api/v1/bookings` and `holdId` (repeating `serviceId` and `start`); release it with
         *     `DELETE /api/v1/holds/{id}`.
         */
        HoldResponse: {
            /**
             * Format: uuid
             * @description The hold's id (the booking made from it keeps it).
             */
            id: string;
            /**
             * Format: date-time
             * @description The start, in the tenant's zone.
             */
            start: string;
            /**
             * Format: date-time
             * @description The end.
             */
            end: string;
            /**
             * Format: uuid
             * @description The staff member held.
             */
            staffId: string;
            /**
             * Format: date-time
             * @description When the hold lapses (the policy's `holdMinutes` after it was made), in the tenant's zone.
             */
            expiresAt: string;
            /** @description Every staff member the hold occupies: Guid HoldResponse.StaffId first, then, for a collective service, the others. */
            staffIds?: null | string[];
        };
        /** @description A working interval `[start, end)` in local wall time. */
        IntervalDto: {
            /** @description `HH:mm`. */
            start: null | string;
            /** @description `HH:mm`, after the start; `24:00` allowed. */
            end: null | string;
        };
        /** @description An invitation sent. */
        InvitationResponse: {
            /**
             * Format: uuid
             * @description The invitation's id.
             */
            id: string;
            /** @description Where the link went. */
            email: string;
            /** @description The role the user gets. */
            role: string;
            /**
             * Format: uuid
             * @description For staff, the staff member.
             */
            staffId: null | string;
            /**
             * Format: date-time
             * @description When the link stops working.
             */
            expiresAt: string;
        };
        /** @description An invitation by e-mail (`POST /api/v1/users/invitations`). */
        InviteUserRequest: {
            /** @description Where the link goes; no user of the tenant may have it. */
            email: null | string;
            /** @description `admin` or `staff` (an owner may also invite an `owner`). */
            role: null | string;
            /**
             * Format: uuid
             * @description For `staff`: the staff member they will be (required).
             */
            staffId: null | string;
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfApiKeyResponse: {
            /** @description The items. */
            items: components["schemas"]["ApiKeyResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfBookingResponse: {
            /** @description The items. */
            items: components["schemas"]["BookingResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfClosureResponse: {
            /** @description The items. */
            items: components["schemas"]["ClosureResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfResourceResponse: {
            /** @description The items. */
            items: components["schemas"]["ResourceResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfServiceResponse: {
            /** @description The items. */
            items: components["schemas"]["ServiceResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfStaffResponse: {
            /** @description The items. */
            items: components["schemas"]["StaffResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfTimeOffResponse: {
            /** @description The items. */
            items: components["schemas"]["TimeOffResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfUserResponse: {
            /** @description The items. */
            items: components["schemas"]["UserResponse"][];
        };
        /** @description A list answer: `{items:[…]}`. */
        ItemsResponseOfWebhookResponse: {
            /** @description The items. */
            items: components["schemas"]["WebhookResponse"][];
        };
        /** @description A request to join a service's waitlist (`POST /api/v1/waitlist`, product specification §10.4). */
        JoinWaitlistRequest: {
            /**
             * Format: uuid
             * @description The service (active).
             */
            serviceId: null | string;
            /**
             * Format: date
             * @description The first local date (tenant's zone) the customer could come.
             */
            from: null | string;
            /**
             * Format: date
             * @description The last local date (inclusive); within the business's `maxAdvanceDays`.
             */
            to: null | string;
            /**
             * Format: uuid
             * @description A staff member of the service, or null for anyone.
             */
            staffId: null | string;
            customer: null | components["schemas"]["CustomerDto"];
        };
        JsonElement: unknown;
        /** @description Where a service's appointments take place. Only the field of the kind is kept. */
        LocationDto: {
            /** @description `inPerson`, `phone` or `video`. */
            kind: null | string;
            /** @description For `inPerson`: the address (up to 500 characters; line breaks allowed). */
            address: null | string;
            /** @description For `phone`: the number (up to 40 digits, spaces and `+ - ( ) .`). */
            phone: null | string;
            /** @description For `video`: an absolute `https` link (up to 2000 characters). */
            url: null | string;
        };
        /** @description A new account's name and credentials. */
        NewAccount: {
            /** @description The person's name. */
            name: null | string;
            /** @description Their email address (their sign-in name within the tenant). */
            email: null | string;
            /** @description Their password: 8–128 characters. */
            password: null | string;
        };
        /** @description A booking e-mail and where it is in its life (`GET /api/v1/notifications`, admins). */
        NotificationResponse: {
            /**
             * Format: uuid
             * @description The notification's id (also its e-mail's Message-ID, `&lt;id@domain&gt;`, without dashes).
             */
            id: string;
            /** @description `confirmation`, `cancellation`, `reschedule` or `reminder`. */
            kind: string;
            /**
             * Format: uuid
             * @description The booking it is about.
             */
            bookingId: string;
            /** @description `pending` (waiting or being retried), `sent`, `failed` (parked after its last attempt) or `cancelled` (no longer needed). */
            status: string;
            /**
             * Format: int32
             * @description Attempts made so far.
             */
            attempts: number | string;
            /**
             * Format: date-time
             * @description When it was queued.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it is (or was) due: a reminder's time, else when it was queued.
             */
            dueAt: string;
            /**
             * Format: date-time
             * @description When a pending one is tried next.
             */
            nextAttemptAt: null | string;
            /**
             * Format: date-time
             * @description When the mail server accepted it.
             */
            sentAt: null | string;
            /** @description Why the last attempt failed, or why it was cancelled. */
            lastError: null | string;
        };
        /** @description A page of a paged list: `{items:[…], nextCursor}`. */
        PageResponseOfAuditEntryResponse: {
            /** @description The items of this page. */
            items: components["schemas"]["AuditEntryResponse"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: null | string;
        };
        /** @description A page of a paged list: `{items:[…], nextCursor}`. */
        PageResponseOfBookingResponse: {
            /** @description The items of this page. */
            items: components["schemas"]["BookingResponse"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: null | string;
        };
        /** @description A page of a paged list: `{items:[…], nextCursor}`. */
        PageResponseOfCustomerResponse: {
            /** @description The items of this page. */
            items: components["schemas"]["CustomerResponse"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: null | string;
        };
        /** @description A page of a paged list: `{items:[…], nextCursor}`. */
        PageResponseOfNotificationResponse: {
            /** @description The items of this page. */
            items: components["schemas"]["NotificationResponse"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: null | string;
        };
        /** @description A page of a paged list: `{items:[…], nextCursor}`. */
        PageResponseOfWaitlistEntryResponse: {
            /** @description The items of this page. */
            items: components["schemas"]["WaitlistEntryResponse"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: null | string;
        };
        /** @description A page of a paged list: `{items:[…], nextCursor}`. */
        PageResponseOfWebhookDeliveryResponse: {
            /** @description The items of this page. */
            items: components["schemas"]["WebhookDeliveryResponse"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: null | string;
        };
        /** @description A request for a password-reset link (`POST /api/v1/auth/password-reset`). */
        PasswordResetRequest: {
            /** @description The account's e-mail address. */
            email: null | string;
        };
        /** @description A tenant's booking policy. */
        PolicyDto: {
            /**
             * Format: int32
             * @description How long before its start a slot stops being offered (default 60).
             */
            minNoticeMinutes: null | number | string;
            /**
             * Format: int32
             * @description How far ahead slots are offered (default 60, 1–3650).
             */
            maxAdvanceDays: null | number | string;
            /**
             * Format: int32
             * @description Step between candidate starts for every service; null = each service's own.
             */
            slotIntervalMinutes: null | number | string;
            /**
             * Format: int32
             * @description A customer may cancel up to this long before the start (default 0).
             */
            cancellationNoticeMinutes: null | number | string;
            /**
             * Format: int32
             * @description A customer may reschedule up to this long before the start; null = CancellationNoticeMinutes.
             */
            rescheduleNoticeMinutes?: null | number | string;
            /**
             * Format: int32
             * @description How often a customer may reschedule one booking (0–1000); null = unlimited. Staff and admins are not limited.
             */
            maxReschedules?: null | number | string;
            /**
             * Format: int32
             * @description How many upcoming confirmed bookings one customer e-mail may hold (1–1000); null = unlimited.
             */
            maxActiveBookings?: null | number | string;
            /**
             * Format: int32
             * @description How long the business has to approve or decline a booking of a service that requires approval (1–720, default 24); never past the start.
             */
            approvalHours?: null | number | string;
            /**
             * Format: int32
             * @description How long a checkout hold keeps its time, in minutes (default 10, 1–60).
             */
            holdMinutes?: null | number | string;
        };
        ProblemDetails: {
            type?: null | string;
            title?: null | string;
            /** Format: int32 */
            status?: null | number | string;
            detail?: null | string;
            instance?: null | string;
        };
        /** @description A question a service asks whoever books it. */
        QuestionDto: {
            /**
             * Format: uuid
             * @description Its id: assigned by the server; absent in a request for a new question.
             */
            id: null | string;
            /** @description What is asked (up to 200 characters). */
            label: null | string;
            /** @description `text` (up to 200 characters), `longText` (up to 2000, line breaks allowed), `choice`, `multiChoice`, `checkbox`, `phone`, `number` or `email`. */
            type: null | string;
            /** @description Whether a booking must answer it (a required `checkbox` must be ticked); default false. */
            required: null | boolean;
            /** @description The choices of a `choice` or `multiChoice` question (1–50, distinct, up to 200 characters each); only for those. */
            choices: null | string[];
            /**
             * Format: int32
             * @description A narrower length limit of a `text` or `longText` answer; only for those.
             */
            maxLength: null | number | string;
        };
        /** @description How a series recurs: exactly one of Count and Until. */
        RecurrenceDto: {
            /** @description `weekly`, `fortnightly` or `monthly` (a month without the first occurrence's day is skipped with `no_such_date`). */
            frequency: null | string;
            /**
             * Format: int32
             * @description How many occurrences, 1–52, the first included.
             */
            count?: null | number | string;
            /**
             * Format: date
             * @description The last local date (inclusive, tenant's zone) an occurrence may fall on; at most 52 occurrences.
             */
            until?: null | string;
        };
        /** @description A refresh token to exchange for a new pair (`POST /api/v1/auth/refresh`). */
        RefreshRequest: {
            /** @description The refresh token; it can be used once. */
            refreshToken: null | string;
        };
        /** @description A move to another offered start. */
        RescheduleBookingRequest: {
            /**
             * Format: date-time
             * @description The new start, with an offset.
             */
            start: null | string;
            /**
             * Format: uuid
             * @description A staff member; absent = the current one if free, else anyone free.
             */
            staffId: null | string;
        };
        /**
         * @description A move of occurrences of a series (`POST /api/v1/series/{id}/reschedule`). The anchor (BookingId;
         *     for `all` without one, the first upcoming occurrence) moves to Start; every other occurrence in
         *     scope moves by the same number of local days to the same new local time of day (tenant's zone). All move, or none does.
         */
        RescheduleSeriesRequest: {
            /** @description `one`, `following` or `all`. */
            scope: null | string;
            /**
             * Format: uuid
             * @description The anchor occurrence (required for `one` and `following`).
             */
            bookingId: null | string;
            /**
             * Format: date-time
             * @description The anchor's new start, with an offset.
             */
            start: null | string;
            /**
             * Format: uuid
             * @description A staff member for every occurrence moved; absent = each keeps theirs if free, else anyone free.
             */
            staffId?: null | string;
        };
        /**
         * @description A resource to create (`POST`; `name` and `kind` are required, `quantity` defaults to 1 and
         *     `active` to true), or the fields to change (`PATCH`).
         */
        ResourceRequest: {
            /** @description Its name (up to 200 characters). */
            name: null | string;
            /** @description What it is (1–50 characters). */
            kind: null | string;
            /**
             * Format: int32
             * @description 1–100.
             */
            quantity: null | number | string;
            /** @description Whether it can be used. */
            active: null | boolean;
        };
        /** @description Units of a resource that each booking of a service uses. */
        ResourceRequirementDto: {
            /**
             * Format: uuid
             * @description A resource of the tenant.
             */
            resourceId: null | string;
            /**
             * Format: int32
             * @description How many of its units, 1 up to its quantity.
             */
            units: null | number | string;
        };
        /** @description A room, chair or piece of equipment with interchangeable units. */
        ResourceResponse: {
            /**
             * Format: uuid
             * @description The resource's id.
             */
            id: string;
            /** @description Its name. */
            name: string;
            /** @description What it is (free text, such as `room` or `equipment`). */
            kind: string;
            /**
             * Format: int32
             * @description How many units exist.
             */
            quantity: number | string;
            /** @description Whether it can be used; a service requiring an inactive resource offers nothing. */
            active: boolean;
        };
        /** @description A staff member's working hours. */
        ScheduleDto: {
            weekly: null | components["schemas"]["WeeklyHoursDto"];
            /** @description Date overrides. */
            overrides: null | components["schemas"]["DateOverrideDto"][];
        };
        /** @description A series booked. */
        SeriesResponse: {
            /**
             * Format: uuid
             * @description The series' id (each booking's `seriesId`).
             */
            seriesId: string;
            /** @description The secret that manages the whole series (`X-Manage-Token` on the series routes): only in the create response. */
            seriesManageToken: null | string;
            /** @description The occurrences booked, by start, each with its own `manageToken`. */
            bookings: components["schemas"]["BookingResponse"][];
            /** @description The occurrences not booked, by start, with why. */
            skipped: components["schemas"]["SeriesSkipResponse"][];
        };
        /** @description An occurrence a series did not book. */
        SeriesSkipResponse: {
            /**
             * Format: date-time
             * @description Its start.
             */
            start: string;
            /** @description `slot_unavailable`, `booking_limit_reached`, `no_such_date` or a booking rule's code. */
            code: string;
        };
        /**
         * @description A service to create (`POST`; `name` and `durationMinutes` are required, the rest default to
         *     0 buffers, price 0, capacity 1, no interval, no staff, active, no questions, no location, no approval), or the fields to change
         *     (`PATCH`).
         */
        ServiceRequest: {
            /** @description Its name (up to 200 characters). */
            name: null | string;
            /**
             * Format: int32
             * @description 5–1440.
             */
            durationMinutes: null | number | string;
            /**
             * Format: int32
             * @description 0–240.
             */
            bufferBeforeMinutes: null | number | string;
            /**
             * Format: int32
             * @description 0–240.
             */
            bufferAfterMinutes: null | number | string;
            /**
             * Format: int64
             * @description ≥ 0.
             */
            priceCents: null | number | string;
            /**
             * Format: int32
             * @description 1–500.
             */
            capacity: null | number | string;
            /**
             * Format: int32
             * @description 5–1440, or null.
             */
            slotIntervalMinutes: null | number | string;
            /** @description Staff members of the tenant. */
            staffIds: null | string[];
            /** @description Whether it is offered. */
            active: null | boolean;
            /**
             * @description The whole ordered list of questions (up to 50): one without an `id` is new (the server gives it one), one with the
             *     id of a current question keeps that id with the fields sent, and a current question left out is removed.
             */
            questions?: null | components["schemas"]["QuestionDto"][];
            location?: null | components["schemas"]["LocationDto"];
            /** @description Whether bookings wait for the business's approval (default false). */
            requiresApproval?: null | boolean;
            /** @description The units of resources each booking uses (up to 10, each resource once, units 1 up to its quantity); default none. */
            resources?: null | components["schemas"]["ResourceRequirementDto"][];
            /**
             * Format: int32
             * @description How many of IReadOnlyList&lt;Guid&gt;? ServiceRequest.StaffIds serve each booking together (a collective service): 1 (the default) up to the number
             *     of IReadOnlyList&lt;Guid&gt;? ServiceRequest.StaffIds, above 1 only with capacity 1. A slot is offered when that many are free at once.
             */
            staffRequired?: null | number | string;
        };
        /** @description A service customers book. */
        ServiceResponse: {
            /**
             * Format: uuid
             * @description The service's id.
             */
            id: string;
            /** @description Its name. */
            name: string;
            /**
             * Format: int32
             * @description The appointment's length in minutes.
             */
            durationMinutes: number | string;
            /**
             * Format: int32
             * @description Time blocked before each appointment.
             */
            bufferBeforeMinutes: number | string;
            /**
             * Format: int32
             * @description Time blocked after each appointment.
             */
            bufferAfterMinutes: number | string;
            /**
             * Format: int64
             * @description The price in cents.
             */
            priceCents: number | string;
            /**
             * Format: int32
             * @description Seats per session (1 = one-to-one).
             */
            capacity: number | string;
            /**
             * Format: int32
             * @description Step between offered starts; null = the policy's, else the duration.
             */
            slotIntervalMinutes: null | number | string;
            /** @description Who performs it. */
            staffIds: string[];
            /** @description Whether it is offered. */
            active: boolean;
            /** @description The questions asked of whoever books, in order (each with its id). */
            questions?: null | components["schemas"]["QuestionDto"][];
            location?: null | components["schemas"]["LocationDto"];
            /**
             * @description Whether bookings wait for the business's approval (created `pending`).
             * @default false
             */
            requiresApproval: boolean;
            /** @description The units of resources each booking uses. */
            resources?: null | components["schemas"]["ResourceRequirementDto"][];
            /**
             * Format: int32
             * @description How many of IReadOnlyList&lt;Guid&gt; ServiceResponse.StaffIds serve each booking together (a collective service): 1 for an ordinary service.
             */
            staffRequired?: number | string;
        };
        /** @description Sign-up: a new tenant and its owner. */
        SignUpRequest: {
            /** @description The subdomain: 3–63 lower-case letters, digits or inner hyphens. */
            slug: null | string;
            /** @description The business's name. */
            name: null | string;
            /** @description Its IANA time zone, for example `Australia/Sydney`. */
            timeZone: null | string;
            /** @description ISO 4217 code; `AUD` when absent. */
            currency: null | string;
            owner: null | components["schemas"]["NewAccount"];
        };
        /** @description The answer to sign-up. */
        SignUpResponse: {
            /** @description The tenant created. */
            tenant: components["schemas"]["TenantResponse"];
            /** @description Tokens for its owner. */
            auth: components["schemas"]["AuthResponse"];
        };
        /** @description A bookable start. */
        SlotResponse: {
            /**
             * Format: date-time
             * @description The start, with an offset.
             */
            start: string;
            /**
             * Format: date-time
             * @description The end (start + duration).
             */
            end: string;
            /** @description The staff free then: indexes into the answer's `staff`. */
            staff: (number | string)[];
            /**
             * Format: int32
             * @description Bookings still possible at this start.
             */
            seatsLeft: number | string;
        };
        /** @description A staff member to create (`name` required; zone defaults to the tenant's) or the fields to change. */
        StaffRequest: {
            /** @description Their name. */
            name: null | string;
            /** @description An optional email. */
            email: null | string;
            /** @description An IANA time zone. */
            timeZone: null | string;
            /** @description Whether they take bookings (default true). */
            active: null | boolean;
            /**
             * Format: int32
             * @description The most bookings starting on one of their local days (1–1000); null = unlimited (the default).
             */
            maxBookingsPerDay?: null | number | string;
        };
        /** @description A staff member. Anonymous callers see no `email`. */
        StaffResponse: {
            /**
             * Format: uuid
             * @description The staff member's id.
             */
            id: string;
            /** @description Their name. */
            name: string;
            /** @description Their email (admins only). */
            email: null | string;
            /** @description The IANA zone their schedule is in. */
            timeZone: string;
            /** @description Whether they take bookings. */
            active: boolean;
            /**
             * Format: int32
             * @description The most bookings starting on one of their local days; null = unlimited.
             */
            maxBookingsPerDay?: null | number | string;
        };
        /** @description One staff member's schedule in a tenant export. */
        StaffScheduleExportDto: {
            /**
             * Format: uuid
             * @description The staff member.
             */
            staffId: string;
            /** @description Their schedule. */
            schedule: components["schemas"]["ScheduleDto"];
        };
        /**
         * @description The whole tenant, as `GET /api/v1/tenant/export` streams it: everything but secrets (password hashes, token
         *     hashes). Instants in the tenant's time zone.
         */
        TenantExportResponse: {
            /**
             * Format: date-time
             * @description When the export started.
             */
            exportedAt: string;
            /** @description The tenant and its policy. */
            tenant: components["schemas"]["TenantResponse"];
            /** @description Every service (inactive ones included). */
            services: components["schemas"]["ServiceResponse"][];
            /** @description Every staff member, with e-mail. */
            staff: components["schemas"]["StaffResponse"][];
            /** @description Each staff member's schedule. */
            schedules: components["schemas"]["StaffScheduleExportDto"][];
            /** @description Every staff member's time off. */
            timeOff: components["schemas"]["TimeOffResponse"][];
            /** @description The tenant's closures. */
            closures: components["schemas"]["ClosureResponse"][];
            /** @description The users (no password hashes). */
            users: components["schemas"]["UserResponse"][];
            /** @description Every booking, by start, with answers. */
            bookings: components["schemas"]["BookingResponse"][];
            /** @description The audit log, newest first. */
            audit: components["schemas"]["AuditEntryResponse"][];
            /** @description The tenant's resources (inactive ones included, deleted ones not). */
            resources?: components["schemas"]["ResourceResponse"][];
        };
        /**
         * @description A partial update of the tenant (`PATCH /api/v1/tenant`): absent fields keep their values; within
         *     `policy`, absent fields keep theirs too.
         */
        TenantPatch: {
            /** @description A new name. */
            name: null | string;
            /** @description A new IANA time zone. */
            timeZone: null | string;
            /** @description A new ISO 4217 code. */
            currency: null | string;
            policy: null | components["schemas"]["PolicyDto"];
            /**
             * @description The sites that may show the booking pages in a frame, replacing the list: origins (`https://acme.example`,
             *     `http://localhost:8080`; at most 20), stored in canonical form; `[]` allows none.
             */
            embedOrigins?: null | string[];
            /** @description The language of e-mails to customers who booked in no language there are e-mails in: `en`, `de`, `fr`, or null (English). */
            defaultLanguage?: null | string;
        };
        /** @description A tenant's public information and policy. */
        TenantResponse: {
            /**
             * Format: uuid
             * @description The tenant's id.
             */
            id: string;
            /** @description Its subdomain. */
            slug: string;
            /** @description The business's name. */
            name: string;
            /** @description Its IANA time zone. */
            timeZone: string;
            /** @description ISO 4217 currency code. */
            currency: string;
            /** @description The booking policy. */
            policy: components["schemas"]["PolicyDto"];
            /** @description The sites (origins such as `https://acme.example`) that may show the booking pages in a frame; empty = none. */
            embedOrigins?: string[];
            /** @description The language of e-mails to customers who booked in no language there are e-mails in: `en`, `de` or `fr`; null = English. */
            defaultLanguage?: null | string;
        };
        /** @description Time off to add. */
        TimeOffRequest: {
            /**
             * Format: date-time
             * @description The start instant, with an offset.
             */
            start: null | string;
            /**
             * Format: date-time
             * @description The end instant, after the start.
             */
            end: null | string;
            /** @description An optional reason. */
            reason: null | string;
        };
        /** @description A staff member's time off. */
        TimeOffResponse: {
            /**
             * Format: uuid
             * @description Its id.
             */
            id: string;
            /**
             * Format: uuid
             * @description Whose.
             */
            staffId: string;
            /**
             * Format: date-time
             * @description The start.
             */
            start: string;
            /**
             * Format: date-time
             * @description The end, exclusive.
             */
            end: string;
            /** @description The reason, if given. */
            reason: null | string;
        };
        /** @description Sign-in with a password (`POST /api/v1/auth/token`). */
        TokenRequest: {
            /** @description The account's email. */
            email: null | string;
            /** @description Its password. */
            password: null | string;
        };
        /** @description A change of a user's role or staff link (`PATCH /api/v1/users/{id}`); absent fields keep their values. */
        UpdateUserRequest: {
            /** @description `owner`, `admin` or `staff` (only an owner may make or change an owner). */
            role: null | string;
            /**
             * Format: uuid
             * @description For `staff`: the staff member they are. Cleared when the role becomes another.
             */
            staffId: null | string;
        };
        /** @description A user of the tenant. */
        UserResponse: {
            /**
             * Format: uuid
             * @description The user's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description Their tenant.
             */
            tenantId: string;
            /** @description Their name. */
            name: string;
            /** @description Their email (sign-in name). */
            email: string;
            /** @description `owner`, `admin` or `staff`. */
            role: string;
            /**
             * Format: uuid
             * @description For a staff user, the staff member they are.
             */
            staffId: null | string;
        };
        /** @description A waitlist entry as admins see it (`GET /api/v1/waitlist`). */
        WaitlistEntryResponse: {
            /**
             * Format: uuid
             * @description The entry (entries are listed in join order).
             */
            id: string;
            /**
             * Format: uuid
             * @description The service.
             */
            serviceId: string;
            /**
             * Format: uuid
             * @description The staff member asked for, or null for anyone.
             */
            staffId: null | string;
            /**
             * Format: date
             * @description The first local date.
             */
            from: string;
            /**
             * Format: date
             * @description The last local date (inclusive).
             */
            to: string;
            /** @description Who waits. */
            customer: components["schemas"]["CustomerDto"];
            /** @description `waiting`, `offered`, `booked`, `expired` or `left`. */
            status: string;
            /**
             * Format: date-time
             * @description When the customer joined.
             */
            createdAt: string;
            /**
             * Format: uuid
             * @description The hold of the current (or last) offer.
             */
            holdId: null | string;
            /**
             * Format: date-time
             * @description The offered slot's start.
             */
            offerStart: null | string;
            /**
             * Format: date-time
             * @description When the offer lapses (with its hold).
             */
            offerExpiresAt: null | string;
        };
        /** @description The answer to joining a waitlist. */
        WaitlistJoinedResponse: {
            /**
             * Format: uuid
             * @description The entry.
             */
            id: string;
            /** @description The secret that leaves the waitlist (`X-Leave-Token`); shown only here. */
            leaveToken: string;
        };
        /** @description A webhook subscription just created, with its signing secret: shown only here. */
        WebhookCreatedResponse: {
            /**
             * Format: uuid
             * @description The subscription's id.
             */
            id: string;
            /** @description Where events are POSTed. */
            url: string;
            /** @description The event types it receives. */
            events: string[];
            /** @description True. */
            enabled: boolean;
            /**
             * Format: date-time
             * @description When it was created.
             */
            createdAt: string;
            /** @description The secret that signs its deliveries (`whsec_…`); keep it, it is not shown again. */
            secret: string;
        };
        /** @description A delivery queued by a ping or a replay. */
        WebhookDeliveryAcceptedResponse: {
            /**
             * Format: uuid
             * @description The delivery's id (in the delivery log, and sent as `BookMeAtOz-Delivery`).
             */
            deliveryId: string;
        };
        /** @description One delivery of an event to a subscription, as the delivery log shows it. */
        WebhookDeliveryResponse: {
            /**
             * Format: uuid
             * @description The delivery's id (sent as `BookMeAtOz-Delivery`; the same on every retry).
             */
            id: string;
            /**
             * Format: uuid
             * @description The event's id (the body's `id`; the same on a replay).
             */
            eventId: string;
            /** @description The event's type. */
            eventType: string;
            /** @description `pending` (waiting or being retried), `delivered` (2xx) or `failed` (given up with its subscription). */
            status: string;
            /**
             * Format: int32
             * @description Attempts so far.
             */
            attempts: number | string;
            /**
             * Format: date-time
             * @description When it was queued.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description For a pending delivery: when it is tried next.
             */
            nextAttemptAt: null | string;
            /**
             * Format: date-time
             * @description When it was last tried.
             */
            lastAttemptAt: null | string;
            /**
             * Format: int32
             * @description The HTTP status of the last answer, if one came.
             */
            responseStatus: null | number | string;
            /**
             * Format: int32
             * @description How long the last attempt took, in milliseconds.
             */
            durationMs: null | number | string;
            /** @description The start of the last answer's body (at most 500 characters). */
            responseExcerpt: null | string;
            /** @description Why the last attempt failed. */
            error: null | string;
            /**
             * Format: uuid
             * @description The delivery this one replays.
             */
            replayOf: null | string;
            /** @description The JSON body sent. */
            request: string;
        };
        /** @description A webhook subscription to create. */
        WebhookRequest: {
            /** @description Where events are POSTed: an absolute `https` (or `http`) URL; private, loopback and link-local targets are refused unless the host allows them. */
            url: null | string;
            /** @description The event types to receive (WebhookEventNames), 1 to 20. */
            events: null | string[];
        };
        /** @description A webhook subscription (its secret is shown only when it is created or rotated). */
        WebhookResponse: {
            /**
             * Format: uuid
             * @description The subscription's id.
             */
            id: string;
            /** @description Where events are POSTed. */
            url: string;
            /** @description The event types it receives. */
            events: string[];
            /** @description False once it failed for 24 hours (or was turned off). */
            enabled: boolean;
            /**
             * Format: date-time
             * @description When it was created.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Its first failed attempt since the last success; null while it works.
             */
            failingSince: null | string;
            /**
             * Format: date-time
             * @description When it was disabled; null while enabled.
             */
            disabledAt: null | string;
        };
        /** @description A subscription's new secret (the previous one keeps signing during the rotation's overlap). */
        WebhookSecretResponse: {
            /** @description The new secret; not shown again. */
            secret: string;
        };
        /** @description Weekly working intervals by day; a missing day has none. */
        WeeklyHoursDto: {
            /** @description Monday's intervals. */
            monday: null | components["schemas"]["IntervalDto"][];
            /** @description Tuesday's intervals. */
            tuesday: null | components["schemas"]["IntervalDto"][];
            /** @description Wednesday's intervals. */
            wednesday: null | components["schemas"]["IntervalDto"][];
            /** @description Thursday's intervals. */
            thursday: null | components["schemas"]["IntervalDto"][];
            /** @description Friday's intervals. */
            friday: null | components["schemas"]["IntervalDto"][];
            /** @description Saturday's intervals. */
            saturday: null | components["schemas"]["IntervalDto"][];
            /** @description Sunday's intervals. */
            sunday: null | components["schemas"]["IntervalDto"][];
        };
    };
    responses: never;
    parameters: {
        /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
        tenant: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    SignUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUpRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignUpResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ChangePassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetAvailability: {
        parameters: {
            query?: {
                serviceId?: string;
                from?: string;
                to?: string;
                staffId?: string;
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AvailabilityResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateBookingSeries: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description 1–200 visible ASCII characters. The same key with the same request within 24 hours answers as the first time did (with `Idempotent-Replayed: true`); with another request it is 422 idempotency_key_reused. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSeriesRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListAudit: {
        parameters: {
            query?: {
                entity?: string;
                actor?: string;
                from?: string;
                to?: string;
                cursor?: string;
                limit?: string;
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageResponseOfAuditEntryResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CloseTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantPatch"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SignIn: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RefreshToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RequestPasswordReset: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ConfirmPasswordReset: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmPasswordResetRequest"];
            };
        };
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AcceptInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListUsers: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfUserResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    InviteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteUserRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListServices: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfServiceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListStaff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfStaffResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateStaff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetStaff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteStaff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateStaff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SetSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListTimeOff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfTimeOffResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AddTimeOff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TimeOffRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeOffResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteTimeOff: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
                timeOffId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetCalDav: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalDavStatusResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ConnectCalDav: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalDavConnectionRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalDavStatusResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DisconnectCalDav: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListClosures: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfClosureResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateClosure: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClosureRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClosureCreatedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteClosure: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListResources: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfResourceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateResource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetResource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteResource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateResource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListBookings: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                staffId?: string;
                status?: string;
                cursor?: string;
                limit?: string;
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageResponseOfBookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description 1–200 visible ASCII characters. The same key with the same request within 24 hours answers as the first time did (with `Idempotent-Replayed: true`); with another request it is 422 idempotency_key_reused. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBookingRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetBooking: {
        parameters: {
            query?: {
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description The booking's manage token (on the /series routes, the series manage token), for a guest (see the manageToken security scheme); not needed when signed in. */
                "X-Manage-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CancelBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description The booking's manage token (on the /series routes, the series manage token), for a guest (see the manageToken security scheme); not needed when signed in. */
                "X-Manage-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CancelBookingRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RescheduleBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description The booking's manage token (on the /series routes, the series manage token), for a guest (see the manageToken security scheme); not needed when signed in. */
                "X-Manage-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleBookingRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ApproveBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeclineBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DeclineBookingRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    MarkBookingNoShow: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetBookingCalendar: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description The booking's manage token (on the /series routes, the series manage token), for a guest (see the manageToken security scheme); not needed when signed in. */
                "X-Manage-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CancelBookingSeries: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description The booking's manage token (on the /series routes, the series manage token), for a guest (see the manageToken security scheme); not needed when signed in. */
                "X-Manage-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelSeriesRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfBookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RescheduleBookingSeries: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                /** @description The booking's manage token (on the /series routes, the series manage token), for a guest (see the manageToken security scheme); not needed when signed in. */
                "X-Manage-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleSeriesRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfBookingResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateHoldRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HoldResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReleaseHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListWaitlist: {
        parameters: {
            query?: {
                serviceId?: string;
                status?: string;
                cursor?: string;
                limit?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageResponseOfWaitlistEntryResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    JoinWaitlist: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinWaitlistRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistJoinedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    LeaveWaitlist: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
                "X-Leave-Token"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListNotifications: {
        parameters: {
            query?: {
                status?: string;
                cursor?: string;
                limit?: string;
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageResponseOfNotificationResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListCustomers: {
        parameters: {
            query?: {
                search?: string;
                cursor?: string;
                limit?: string;
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageResponseOfCustomerResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetCustomer: {
        parameters: {
            query?: {
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                email: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerDetailResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    EraseCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                email: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ExportCustomer: {
        parameters: {
            query?: {
                timeZone?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                email: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerExportResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ExportTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantExportResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListWebhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfWebhookResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreatedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JsonElement"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    PingWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryAcceptedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListWebhookDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageResponseOfWebhookDeliveryResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReplayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryAcceptedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemsResponseOfApiKeyResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreatedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RevokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RotateStaffFeed: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteStaffFeed: {
        parameters: {
            query?: never;
            header?: {
                /** @description The tenant's slug (`acme`). Optional: a request to the tenant's subdomain (acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found. */
                "X-Tenant"?: components["parameters"]["tenant"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetStaffFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Not Modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
}
