using Microsoft.AspNetCore.Http;

namespace OrleansCluster.NodeApi;

/// <summary>Boolean query parameters as Kubernetes parses them (absent: false).</summary>
public static class QueryFlags
{
    public static bool Get(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return false;
        }

        return value switch
        {
            "1" => true,
            "0" => false,
            _ when bool.TryParse(value, out var flag) => flag,
            _ => throw NodeApiException.BadRequest($"{name}: Invalid value: \"{value}\": not a boolean"),
        };
    }
}
