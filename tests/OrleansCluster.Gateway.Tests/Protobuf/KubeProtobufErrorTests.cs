using OrleansCluster.Gateway.Protobuf;

namespace OrleansCluster.Gateway.Tests.Protobuf;

/// <summary>Bad bodies: unsupported kinds are 415 material, malformed bytes 400, and nothing else ever escapes.</summary>
public sealed class KubeProtobufErrorTests
{
    [Theory]
    [InlineData("v1", "Pod", "kind Pod in version \"v1\"")]
    [InlineData("apps/v1", "ReplicaSet", "kind ReplicaSet in version \"apps/v1\"")]
    [InlineData("v2", "Namespace", "kind Namespace in version \"v2\"")]
    [InlineData("v1", "", "an object without a kind")]
    public void Kinds_not_decoded_here_are_unsupported(string apiVersion, string kind, string described)
    {
        var body = ProtoWriter.Body(apiVersion, kind, o => o.Message(1, m => m.String(1, "x")));

        var e = Assert.Throws<UnsupportedProtobufException>(() => KubeProtobuf.ToJson(body));

        Assert.Equal($"protobuf bodies of {described} are not supported; send application/json", e.Message);
    }

    [Fact]
    public void A_content_encoding_is_unsupported()
    {
        var body = ProtoWriter.Body("v1", "Namespace", o => o.Message(1, m => m.String(1, "x")), contentEncoding: "gzip");

        Assert.Throws<UnsupportedProtobufException>(() => KubeProtobuf.ToJson(body));
    }

    [Fact]
    public void The_supported_kinds_are_listed()
    {
        Assert.Equal(
            [("apps/v1", "Deployment"), ("v1", "ConfigMap"), ("v1", "Namespace"), ("v1", "Secret")],
            KubeProtobuf.SupportedKinds.Order());
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "empty", [], "does not start with the Kubernetes magic" },
        { "no magic", [0x0a, 0x00], "does not start with the Kubernetes magic" },
        { "truncated varint", [.. "k8s\0"u8, 0x0a, 0x80], "truncated varint" },
        { "length past end", [.. "k8s\0"u8, 0x12, 0x05, 0x01], "runs past the end" },
        { "eleven-byte varint", [.. "k8s\0"u8, 0x28, .. Enumerable.Repeat((byte)0xff, 10), 0x01], "longer than 10 bytes" },
        { "field number zero", [.. "k8s\0"u8, 0x02, 0x00], "invalid field number 0" },
        { "group wire type", [.. "k8s\0"u8, 0x2b], "unsupported wire type 3" },
        { "wire type 7", [.. "k8s\0"u8, 0x2f], "unsupported wire type 7" },
        { "truncated fixed64", [.. "k8s\0"u8, 0x29, 0x01, 0x02], "runs past the end" },
        {
            "varint where a message belongs",
            ProtoWriter.Body("v1", "Namespace", o => o.Varint(1, 5)),
            "field metadata has wire type 0, expected 2 (in v1.Namespace"
        },
        {
            "bytes where a varint belongs",
            ProtoWriter.Body("apps/v1", "Deployment", o => o.Message(2, s => s.String(1, "two"))),
            "field replicas has wire type 2, expected 0"
        },
        {
            "invalid UTF-8 in a name",
            ProtoWriter.Body("v1", "Namespace", o => o.Message(1, m => m.Bytes(1, [0xc3, 0x28]))),
            "field name is not valid UTF-8 (in meta.v1.ObjectMeta"
        },
        {
            "time out of range",
            ProtoWriter.Body("v1", "Namespace", o => o.Message(1, m => m.Message(8, t => t.Int(1, long.MaxValue)))),
            "out of range"
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_bytes_are_format_errors_that_say_where(string why, byte[] body, string detail)
    {
        var e = Assert.Throws<FormatException>(() => KubeProtobuf.ToJson(body));

        Assert.False(e is UnsupportedProtobufException, why);
        Assert.StartsWith("malformed protobuf body: ", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Contains(detail, StringComparison.Ordinal), $"{why}: {e.Message}");
    }

    [Fact]
    public void Thousands_of_mutated_kubectl_bodies_give_json_or_a_format_error_and_nothing_else()
    {
        var random = new Random(20240601);
        var seeds = new[]
        {
            KubectlCaptures.CreateNamespace, KubectlCaptures.CreateConfigMapFromFiles, KubectlCaptures.CreateSecret,
            KubectlCaptures.CreateDeploymentWithPortAndCommand,
        }.Select(KubectlCaptures.Bytes).ToArray();

        for (var i = 0; i < 5000; i++)
        {
            var body = seeds[random.Next(seeds.Length)].ToArray();
            switch (random.Next(3))
            {
                case 0:
                    body[4 + random.Next(body.Length - 4)] = (byte)random.Next(256);
                    break;
                case 1:
                    body = body[..(4 + random.Next(body.Length - 4))];
                    break;
                default:
                    for (var k = 0; k < 3; k++)
                    {
                        body[4 + random.Next(body.Length - 4)] ^= (byte)(1 << random.Next(8));
                    }

                    break;
            }

            try
            {
                Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(KubeProtobuf.ToJson(body)));
            }
            catch (FormatException)
            {
                // 400 or 415: fine
            }
        }
    }
}
