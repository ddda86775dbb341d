using System.Net;
using System.Net.Sockets;

namespace MeshLint.Mesh;

/// <summary>
/// Validates an IP range list as Istio's injector does (pkg/kube/inject validateCIDRList, Istio 1.20+):
/// the value is split on commas with no trimming and each part must satisfy Go's netip.ParsePrefix.
/// </summary>
internal static class IpPrefixList
{
    /// <summary>Null when valid, otherwise why not. <paramref name="allowWildcard"/> admits a lone <c>*</c>.</summary>
    public static string? Validate(string value, bool allowWildcard)
    {
        if (value.Length == 0 || (allowWildcard && value == "*"))
        {
            return null;
        }

        foreach (var part in value.Split(','))
        {
            if (ParsePrefix(part) is { } problem)
            {
                return part == "*" ? "\"*\" is only allowed alone, and only for the include forms" : $"\"{part}\" {problem}";
            }
        }

        return null;
    }

    /// <summary>Null when Go's netip.ParsePrefix would accept the text, otherwise the reason.</summary>
    public static string? ParsePrefix(string text)
    {
        if (text.Length == 0)
        {
            return "is empty (a stray comma?)";
        }

        if (text != text.Trim())
        {
            return "has surrounding spaces; Istio does not trim the parts of the list";
        }

        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return IPAddress.TryParse(text, out var bare) && (bare.AddressFamily == AddressFamily.InterNetworkV6 || IsIPv4(text))
                ? "has no prefix length; write it as an IP prefix, e.g. " + (bare.AddressFamily == AddressFamily.InterNetworkV6 ? text + "/128" : text + "/32")
                : "is not an IP prefix such as 10.0.0.0/8";
        }

        var address = text[..slash];
        var bits = text[(slash + 1)..];
        int maxBits;
        if (address.Contains(':'))
        {
            if (address.Contains('%') || address.StartsWith('[') || !IPAddress.TryParse(address, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return "is not a valid IPv6 prefix";
            }

            maxBits = 128;
        }
        else
        {
            if (!IsIPv4(address))
            {
                return "is not a valid IPv4 prefix";
            }

            maxBits = 32;
        }

        // netip.ParsePrefix takes decimal digits only, without sign or leading zeros.
        if (bits.Length == 0 || bits.Length > 3 || !bits.All(char.IsAsciiDigit) || (bits.Length > 1 && bits[0] == '0'))
        {
            return "has a malformed prefix length";
        }

        return int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture) > maxBits
            ? $"has a prefix length above {maxBits}"
            : null;
    }

    // Four decimal octets 0-255 with no leading zeros, exactly as netip.ParseAddr reads IPv4.
    private static bool IsIPv4(string address)
    {
        var parts = address.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            if (int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }
}
