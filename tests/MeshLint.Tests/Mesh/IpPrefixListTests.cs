using MeshLint.Mesh;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

public sealed class IpPrefixListTests
{
    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.1.2.3/8")]
    [InlineData("0.0.0.0/0")]
    [InlineData("192.168.1.7/32")]
    [InlineData("fd00::/8")]
    [InlineData("::1/128")]
    [InlineData("::ffff:10.0.0.1/128")]
    public void Accepts_what_netip_ParsePrefix_accepts(string prefix) => IpPrefixList.ParsePrefix(prefix).ShouldBeNull();

    [Theory]
    [InlineData("10.0.0.1", "no prefix length; write it as an IP prefix, e.g. 10.0.0.1/32")]
    [InlineData("bad", "not an IP prefix")]
    [InlineData(" 10.0.0.0/8", "spaces")]
    [InlineData("10.0.0.0/33", "above 32")]
    [InlineData("fd00::/129", "above 128")]
    [InlineData("10.0.0.0/08", "malformed prefix length")]
    [InlineData("10.0.0.0/+8", "malformed prefix length")]
    [InlineData("010.0.0.0/8", "not a valid IPv4")]
    [InlineData("256.0.0.0/8", "not a valid IPv4")]
    [InlineData("10.0.0/8", "not a valid IPv4")]
    [InlineData("fe80::1%eth0/64", "not a valid IPv6")]
    [InlineData("", "empty")]
    public void Rejects_with_a_reason(string prefix, string reason) => IpPrefixList.ParsePrefix(prefix).ShouldNotBeNull().ShouldContain(reason);

    [Theory]
    [InlineData("", false)]
    [InlineData("*", true)]
    [InlineData("10.0.0.0/8,172.16.0.0/12", false)]
    public void Valid_lists(string list, bool allowWildcard) => IpPrefixList.Validate(list, allowWildcard).ShouldBeNull();

    [Theory]
    [InlineData("*", false)]
    [InlineData("10.0.0.0/8, 172.16.0.0/12", false)]
    [InlineData("10.0.0.0/8,", false)]
    [InlineData("10.0.0.0/8,*", true)]
    public void Invalid_lists(string list, bool allowWildcard) => IpPrefixList.Validate(list, allowWildcard).ShouldNotBeNull();
}
