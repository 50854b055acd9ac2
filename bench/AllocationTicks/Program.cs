using System.Globalization;
using Microsoft.Diagnostics.Tracing;

// Usage: dotnet run -c Release --project bench/AllocationTicks -- TRACE.nettrace [REQUESTS] [TOP]
// The runtime reports an allocation tick about every 100 KB allocated, with the type that crossed it: summed per type,
// they show where the bytes go. With the number of requests served during the trace, also the bytes per request.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: AllocationTicks TRACE.nettrace [REQUESTS] [TOP]");
    return 2;
}

var requests = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var top = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var bytesByType = new Dictionary<string, long>(StringComparer.Ordinal);
using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.GCAllocationTick += tick =>
        bytesByType[tick.TypeName] = bytesByType.GetValueOrDefault(tick.TypeName) + tick.AllocationAmount64;
    source.Process();
}

var total = bytesByType.Values.Sum();
Console.WriteLine(requests > 0
    ? $"{total:N0} bytes sampled, {(double)total / requests:N0} per request"
    : $"{total:N0} bytes sampled");
foreach (var (type, bytes) in bytesByType.OrderByDescending(pair => pair.Value).Take(top))
{
    Console.WriteLine(requests > 0
        ? $"{bytes,14:N0} {(double)bytes / requests,8:N1}  {type}"
        : $"{bytes,14:N0}  {type}");
}

return 0;
