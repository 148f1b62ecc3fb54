using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace BookMeAtOz.AspNetCore.OpenApi;

/// <summary>The names <c>WithOpenApi()</c>'s document gives its security schemes and shared parameters.</summary>
internal static class BookMeAtOzOpenApiNames
{
    /// <summary>The access token, <c>Authorization: Bearer …</c>.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>A guest's secret for one booking, <c>X-Manage-Token: …</c>.</summary>
    public const string ManageTokenScheme = "manageToken";

    /// <summary>The <c>X-Tenant</c> header, under <c>components.parameters</c>.</summary>
    public const string TenantParameter = "tenant";

    /// <summary>The schema of every problem answer (what <c>ProducesProblem</c> describes).</summary>
    public const string ProblemSchema = "ProblemDetails";

    /// <summary>The description of each tag the routes use.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Tenancy"] = "Sign-up of a new business (a tenant and its owner), the tenant's public information and booking policy, and the owner's export and closing of the tenant.",
        ["Auth"] = "Signing in with an email and password, refreshing a token pair, the signed-in user, changing and resetting a password, and accepting an invitation.",
        ["Users"] = "The tenant's user accounts (owner, admin, staff): admins add, invite, change and remove them; only owners touch owners.",
        ["Services"] = "What the business offers: duration, price, buffers, capacity and the staff who perform it.",
        ["Staff"] = "The staff members, their weekly working hours with dated overrides, and their time off.",
        ["Closures"] = "Tenant-wide closed dates: nothing is offered on them; adding one lists the bookings already made on its dates.",
        ["Resources"] = "Rooms, chairs and equipment with a quantity of units; a service may require units of them for each booking.",
        ["Availability"] = "The free slots of a service between two local dates, computed from schedules, bookings and the policy.",
        ["Holds"] = "Checkout holds: an offered slot kept for a few minutes (the policy's holdMinutes) while the guest fills in the form, then booked with holdId or released.",
        ["Waitlist"] = "The waitlist: customers join for a service and dates; when time frees up the earliest matching entry is offered a hold by e-mail.",
        ["Bookings"] = "Booking an offered slot (idempotently), listing bookings, and reading, cancelling, rescheduling or downloading one (signed in, or as its guest with the manage token).",
        ["Notifications"] = "The booking e-mails the tenant has sent or queued (admins only).",
        ["Audit"] = "Every recorded change: who, what, when, before and after (owners only).",
        ["Customers"] = "The tenant's customers by e-mail, each with their booking history; exporting and erasing one's personal data (owners and admins).",
        ["Webhooks"] = "Signed webhook subscriptions (owners and admins): events delivered at least once from the outbox, the delivery log, replay, test ping and secret rotation.",
        ["API keys"] = "Keys that let another system call the API as the tenant with scopes (read, bookings, admin): made, listed and revoked by owners; a key is shown once.",
    };
}

/// <summary>
/// The document as a whole: its title and license, the security schemes every operation's <c>security</c> refers to,
/// the shared <c>X-Tenant</c> parameter, a description for each tag, and servers without a trailing slash.
/// </summary>
internal sealed class BookMeAtOzDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);

        document.Info ??= new OpenApiInfo();
        document.Info.Title = "BookMeAtOz API";
        document.Info.Version = "v1";
        document.Info.Description =
            "Multi-tenant appointment booking. Each business is a tenant: name it with its subdomain "
            + "(acme.bookmeatoz.online) or, where the host names none, the X-Tenant header. "
            + "Routes that need a user take an access token (`Authorization: Bearer …`, from POST /auth/token); "
            + "a guest reads, cancels, reschedules and downloads their booking with its manage token (`X-Manage-Token`). "
            + "Every error is an RFC 9457 problem (`application/problem+json`) with a machine-readable `code`.";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BookMeAtOzOpenApiNames.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /auth/token, POST /auth/refresh or sign-up (an HS256 JWT, valid 15 minutes "
                + "by default), sent as `Authorization: Bearer <accessToken>`. It is valid only for the tenant it was issued for. "
                + "An API key (`bmz_…`, from POST /api-keys) goes in the same header and acts for its tenant within its scopes.",
        };
        document.Components.SecuritySchemes[BookMeAtOzOpenApiNames.ManageTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = BookingAccess.ManageTokenHeader,
            Description = "A guest's secret for one booking: the `manageToken` of the 201 answer to POST /bookings (also in "
                + "the manage link of the booking e-mails). It lets its holder read, cancel, reschedule and download that booking only. "
                + "On the /series routes it is the series' `seriesManageToken` (from the 201 answer to POST /bookings/series), which "
                + "cancels and reschedules the occurrences of that series.",
        };

        if (UsesDefaultTenantResolution(context.ApplicationServices))
        {
            document.Components.Parameters ??= new Dictionary<string, IOpenApiParameter>(StringComparer.Ordinal);
            document.Components.Parameters[BookMeAtOzOpenApiNames.TenantParameter] = new OpenApiParameter
            {
                Name = TenantResolver.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "The tenant's slug (`acme`). Optional: a request to the tenant's subdomain "
                    + "(acme.bookmeatoz.online) needs none, and a host that names a tenant wins over this header. "
                    + "With neither: 400 tenant_required; an unknown tenant: 404 tenant_not_found.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])?$" },
            };
        }

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (string.IsNullOrEmpty(tag.Description) && tag.Name is { } name
                && BookMeAtOzOpenApiNames.TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        // The framework writes the request's base address with a trailing slash, and every path starts with one.
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// True when tenants are named the default way (subdomain, then <c>X-Tenant</c>): with strategies of the host's own
    /// (<c>WithTenantResolution</c>) the document cannot tell whether or which header names the tenant.
    /// </summary>
    internal static bool UsesDefaultTenantResolution(IServiceProvider services) =>
        ReferenceEquals(services.GetService<TenantStrategyList>(), TenantStrategyList.Default);
}

/// <summary>
/// Each operation: who may call it (<c>security</c>, from its BookMeAtOz policy and whether it takes a manage token;
/// <c>[]</c> when anyone may), the <c>X-Tenant</c> header on tenant-scoped routes with the problems every tenant-scoped
/// route can answer, and content for responses declared with a media type but no body type.
/// </summary>
internal sealed class BookMeAtOzOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;

        var needsUser = metadata.OfType<BookMeAtOzPolicyMetadata>().Any();
        var takesManageToken = description.ParameterDescriptions.Any(p =>
            p.Source == BindingSource.Header && string.Equals(p.Name, BookingAccess.ManageTokenHeader, StringComparison.OrdinalIgnoreCase));
        operation.Security = [];
        if (needsUser || takesManageToken)
        {
            operation.Security.Add(Requirement(BookMeAtOzOpenApiNames.BearerScheme, document));
        }

        if (!needsUser && takesManageToken)
        {
            operation.Security.Add(Requirement(BookMeAtOzOpenApiNames.ManageTokenScheme, document));
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Header && string.IsNullOrEmpty(parameter.Description))
            {
                parameter.Description = parameter.Name switch
                {
                    BookingAccess.ManageTokenHeader => "The booking's manage token (on the /series routes, the series manage token), for a guest "
                        + "(see the manageToken security scheme); not needed when signed in.",
                    BookingEndpoints.IdempotencyKeyHeader => "1–200 visible ASCII characters. The same key with the same request within 24 hours "
                        + "answers as the first time did (with `Idempotent-Replayed: true`); with another request it is 422 idempotency_key_reused.",
                    _ => null,
                };
            }
        }

        if (metadata.OfType<TenantScopedMetadata>().Any())
        {
            if (BookMeAtOzDocumentTransformer.UsesDefaultTenantResolution(context.ApplicationServices)
                && !(operation.Parameters ?? []).Any(p => p.In == ParameterLocation.Header
                    && string.Equals(p.Name, TenantResolver.HeaderName, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters ??= [];
                operation.Parameters.Insert(0, new OpenApiParameterReference(BookMeAtOzOpenApiNames.TenantParameter, document));
            }

            // Every tenant-scoped route answers these, public ones included (docs/http-api.md, "Tenant resolution").
            operation.Responses ??= new OpenApiResponses();
            AddProblem(operation.Responses, "400", "Bad Request", document);
            AddProblem(operation.Responses, "403", "Forbidden", document);
            AddProblem(operation.Responses, "404", "Not Found", document);
        }

        // A response declared with only a media type (Produces(200, contentType: "text/calendar")) is text: the
        // framework describes it with no content at all.
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            var status = produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((produces.Type is null || produces.Type == typeof(void)) && produces.ContentTypes.Any()
                && operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse { Content: null or { Count: 0 } } bare)
            {
                bare.Content = produces.ContentTypes.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(
                    mediaType => mediaType, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }, StringComparer.Ordinal);
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddProblem(OpenApiResponses responses, string status, string description, OpenApiDocument? document)
    {
        if (responses.ContainsKey(status))
        {
            return;
        }

        responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(BookMeAtOzOpenApiNames.ProblemSchema, document) },
            },
        };
    }
}
