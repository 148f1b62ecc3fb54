using System.Buffers;
using System.Reflection;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary>
/// The <c>200</c> of <c>GET /availability</c> (<see cref="AvailabilityResponse"/>), written as the days are computed into
/// one buffer of at most <see cref="MaxBytes"/>: each local date's slots are serialized on their own and go in only if
/// the whole date, and the closing bytes, still fit; the first date that does not fit ends the answer, which then names
/// the last date it holds in <c>truncatedAfter</c>, and stops the engine. So the bytes sent never pass the bound, and a
/// request costs the pooled buffer and one date's slots, whatever the window and the tenant's data. The bound holds for
/// every caller, signed in or not.
/// </summary>
internal sealed class AvailabilityAnswer(AvailabilityResult result) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    /// <summary>The most an answer takes, in bytes of JSON (2 MiB).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly byte[] SlotsStart = ",\"slots\":["u8.ToArray();
    private static readonly byte[] TruncatedAfterName = "],\"truncatedAfter\":\""u8.ToArray();

    // What must stay free for the end of an answer that is cut: `],"truncatedAfter":"yyyy-MM-dd"}`.
    private static readonly int ClosingReserve = TruncatedAfterName.Length + "yyyy-MM-dd\"}".Length;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ApiJson.Options.Encoder };

    public int? StatusCode => StatusCodes.Status200OK;

    public AvailabilityResult Result => result;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes);
        try
        {
            var length = Write(result, buffer.AsSpan(0, MaxBytes), out _);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = length;
            await response.Body.WriteAsync(buffer.AsMemory(0, length), httpContext.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AvailabilityResponse), ["application/json"]));
    }

    /// <summary>
    /// Writes the answer into <paramref name="target"/>, whose length is the bound, taking dates from
    /// <paramref name="result"/> until one does not fit.
    /// </summary>
    /// <returns>The bytes written.</returns>
    internal static int Write(AvailabilityResult result, Span<byte> target, out DateOnly? truncatedAfter)
    {
        ArgumentNullException.ThrowIfNull(result);
        truncatedAfter = null;
        var scratch = new ArrayBufferWriter<byte>(16 * 1024);
        var indexes = new Dictionary<Guid, int>(result.Staff.Count);
        using var writer = new Utf8JsonWriter(scratch, WriterOptions);

        writer.WriteStartObject();
        writer.WriteString("serviceId", result.ServiceId);
        writer.WriteString("timeZone", result.TimeZone);
        writer.WriteStartArray("staff");
        for (var i = 0; i < result.Staff.Count; i++)
        {
            var member = result.Staff[i];
            indexes.TryAdd(member.Id, i);
            writer.WriteStartObject();
            writer.WriteString("id", member.Id);
            writer.WriteString("name", member.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();

        // The object without its closing brace, then the slots.
        var header = scratch.WrittenSpan[..^1];
        if (header.Length + SlotsStart.Length + ClosingReserve > target.Length)
        {
            // The caps (at most 500 staff on a service, names of at most 200 characters) keep the staff list far below this.
            throw new InvalidOperationException("The staff list alone does not fit the answer's bound.");
        }

        var length = 0;
        Append(target, ref length, header);
        Append(target, ref length, SlotsStart);

        var first = true;
        DateOnly? lastIncluded = null;
        DateOnly? firstDate = null;
        foreach (var day in result.Days)
        {
            firstDate ??= day.Date;
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            writer.WriteStartArray();
            foreach (var slot in day.Slots)
            {
                writer.WriteStartObject();
                writer.WriteString("start", slot.Start);
                writer.WriteString("end", slot.End);
                writer.WriteStartArray("staff");
                foreach (var id in slot.StaffIds)
                {
                    writer.WriteNumberValue(indexes[id]);
                }

                writer.WriteEndArray();
                writer.WriteNumber("seatsLeft", slot.SeatsLeft);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.Flush();

            // The date's slots without the brackets of their array: nothing for a date without slots.
            var slots = scratch.WrittenSpan[1..^1];
            var separator = !first && slots.Length > 0 ? 1 : 0;
            if (length + separator + slots.Length + ClosingReserve > target.Length)
            {
                // Never the first date under the caps; if it ever were, the answer names the day before it.
                truncatedAfter = lastIncluded ?? day.Date.AddDays(-1);
                break;
            }

            if (separator == 1)
            {
                target[length++] = (byte)',';
            }

            Append(target, ref length, slots);
            first &= slots.Length == 0;
            lastIncluded = day.Date;
        }

        if (truncatedAfter is { } date)
        {
            Append(target, ref length, TruncatedAfterName);
            length += System.Text.Encoding.ASCII.GetBytes(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), target[length..]);
            target[length++] = (byte)'"';
        }
        else
        {
            target[length++] = (byte)']';
        }

        target[length++] = (byte)'}';
        return length;
    }

    private static void Append(Span<byte> target, ref int length, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(target[length..]);
        length += bytes.Length;
    }
}
