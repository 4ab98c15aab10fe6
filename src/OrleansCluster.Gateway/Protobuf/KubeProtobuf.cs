using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>
/// Request bodies in <c>application/vnd.kubernetes.protobuf</c>, as kubectl sends for <c>create namespace</c>,
/// <c>create configmap</c>, <c>create secret</c> and <c>create deployment</c>, turned into the Kubernetes JSON the
/// rest of the gateway speaks. The envelope is the magic <c>k8s\0</c> followed by a <c>runtime.Unknown</c>
/// {1: TypeMeta {1: apiVersion, 2: kind}, 2: raw object, 3: contentEncoding, 4: contentType}.
/// </summary>
public static class KubeProtobuf
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ProtoMessage TypeMeta = new(
        "runtime.TypeMeta",
        ProtoMessage.Field(1, "apiVersion", ProtoKind.Text),
        ProtoMessage.Field(2, "kind", ProtoKind.Text));

    private static readonly FrozenDictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds =
        new Dictionary<(string, string), ProtoMessage>
        {
            [("v1", "Namespace")] = CoreSchemas.Namespace,
            [("v1", "ConfigMap")] = CoreSchemas.ConfigMap,
            [("v1", "Secret")] = CoreSchemas.Secret,
            [("apps/v1", "Deployment")] = AppsSchemas.Deployment,
        }.ToFrozenDictionary();

    /// <summary>The magic prefix of every Kubernetes protobuf body.</summary>
    public static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>The (apiVersion, kind) pairs <see cref="ToJson"/> decodes.</summary>
    public static IReadOnlyCollection<(string ApiVersion, string Kind)> SupportedKinds => Kinds.Keys;

    /// <summary>
    /// The body as a JSON object with <c>apiVersion</c> and <c>kind</c> first. Fields this decoder does not know
    /// are dropped, as protobuf readers do.
    /// </summary>
    /// <exception cref="UnsupportedProtobufException">A well-formed body of a kind (or content encoding) not decoded here: answer 415.</exception>
    /// <exception cref="FormatException">Malformed bytes: answer 400.</exception>
    public static string ToJson(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new FormatException("malformed protobuf body: it does not start with the Kubernetes magic \"k8s\\0\"");
        }

        var (apiVersion, kind, encoding) = ReadEnvelope(body[Magic.Length..], out var raw);
        if (!Kinds.TryGetValue((apiVersion, kind), out var message))
        {
            throw new UnsupportedProtobufException(
                $"protobuf bodies of {Describe(apiVersion, kind)} are not supported; send application/json");
        }

        if (encoding.Length > 0)
        {
            throw new UnsupportedProtobufException($"protobuf content encoding \"{encoding}\" is not supported");
        }

        var json = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        return ProtoJson.Decode(raw, message, json).ToJsonString(Output);
    }

    private static (string ApiVersion, string Kind, string Encoding) ReadEnvelope(ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> raw)
    {
        var reader = new ProtoReader(bytes, "runtime.Unknown");
        var (apiVersion, kind, encoding) = ("", "", "");
        raw = ReadOnlySpan<byte>.Empty;
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    var typeMeta = ProtoJson.Decode(reader.Bytes(wire, "typeMeta"), TypeMeta);
                    apiVersion = (string?)typeMeta["apiVersion"] ?? apiVersion;
                    kind = (string?)typeMeta["kind"] ?? kind;
                    break;
                case 2:
                    raw = reader.Bytes(wire, "raw");
                    break;
                case 3:
                    encoding = reader.String(wire, "contentEncoding");
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return (apiVersion, kind, encoding);
    }

    private static string Describe(string apiVersion, string kind) =>
        kind.Length == 0 ? "an object without a kind" : $"kind {kind} in version \"{apiVersion}\"";
}

/// <summary>A well-formed protobuf body this gateway cannot decode; the answer is 415, and the client should send JSON.</summary>
public sealed class UnsupportedProtobufException(string message) : FormatException(message);
