using System.Net;
using System.Net.Sockets;

namespace OrleansCluster.Core.Validation;

/// <summary>IP addresses and CIDRs in the strict textual forms Kubernetes accepts.</summary>
public static class NetworkSyntax
{
    public const string IpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    public const string CidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    /// <summary>
    /// Dotted-quad IPv4 or IPv6. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone also accepts
    /// shorthand such as "10" or "10.1", which Kubernetes rejects.
    /// </summary>
    public static bool IsIp(string value)
    {
        if (!IPAddress.TryParse(value, out var address))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? value.Contains(':') && !value.Contains('%')
            : value.Split('.').Length == 4 && value.Split('.').All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }

    public static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/');
        if (slash < 0 || !IsIp(value[..slash]))
        {
            return false;
        }

        var bits = value[(slash + 1)..];
        var max = value[..slash].Contains(':') ? 128 : 32;
        return bits.Length is > 0 and <= 3 && bits.All(char.IsAsciiDigit) && int.Parse(bits) <= max;
    }
}
