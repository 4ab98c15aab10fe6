using System.Text;
using System.Text.Json.Nodes;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>Request bodies for the fuzz test: valid manifests and patches, then mutated byte-wise and structurally.</summary>
internal sealed class FuzzBodies(Random random)
{
    private static readonly string[] Manifests =
    [
        ApiHttp.Pod("NAME"),
        """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"fz-gen-","labels":{"a":"b"},"annotations":{"x":"y"}},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36","ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"E","value":"1"}]}]}}""",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME"},"spec":{"selector":{"app":"http"},"ports":[{"port":80,"targetPort":8080}]}}""",
        """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"NAME"}}""",
        """{"apiVersion":"v1","kind":"Node","metadata":{"name":"NAME","labels":{"fuzz":"true"}},"spec":{"unschedulable":true,"taints":[{"key":"fuzz","effect":"NoSchedule"}]}}""",
        """{"apiVersion":"v1","kind":"Event","metadata":{"name":"NAME"},"involvedObject":{"kind":"Pod","name":"fz-1","namespace":"fuzz-a"},"reason":"Fuzz","message":"m","type":"Normal","count":1}""",
        """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"NAME"},"spec":{"holderIdentity":"fz","leaseDurationSeconds":40}}""",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\n  labels:\n    app: yaml\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n",
    ];

    private const string Junk = "{}[]\",:\\ntf0-e.#&\0";

    private static readonly string[] Patches =
    [
        """{"metadata":{"labels":{"fuzz":"1"}}}""",
        """{"metadata":{"labels":null},"spec":{"containers":[{"name":"main","image":"busybox:1.37"}]}}""",
        """{"spec":{"containers":[{"$patch":"delete","name":"main"}],"$setElementOrder/containers":[{"name":"x"}]}}""",
        """{"$patch":"replace","metadata":{"name":"NAME"}}""",
        """[{"op":"add","path":"/metadata/labels/fz","value":"1"},{"op":"test","path":"/metadata/name","value":"NAME"}]""",
        """[{"op":"remove","path":"/spec/containers/0"},{"op":"move","from":"/metadata/labels","path":"/metadata/annotations"}]""",
        """[{"op":"copy","from":"/spec","path":"/spec/x"},{"op":"replace","path":"/metadata/name","value":"other"}]""",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n",
        """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""",
        """{"propagationPolicy":"Foreground","gracePeriodSeconds":0,"preconditions":{"uid":"x"}}""",
    ];

    public byte[] Next(string name)
    {
        var pool = random.Next(3) == 0 ? Patches : Manifests;
        var text = pool[random.Next(pool.Length)].Replace("NAME", name, StringComparison.Ordinal);
        if (random.Next(4) == 0)
        {
            text = MutateStructure(text);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var mutations = random.Next(2) == 0 ? 0 : random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            bytes = MutateBytes(bytes);
        }

        return bytes;
    }

    private string MutateStructure(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }

        switch (random.Next(10))
        {
            case 7:
                // A lone surrogate or a NUL escape in a string: JSON's grammar allows both, text and PostgreSQL do not.
                return text.Replace("\"busybox", random.Next(2) == 0 ? "\"\\ud800busybox" : "\"\\u0000busybox", StringComparison.Ordinal)
                    .Replace("\"m\"", "\"\\udc00m\\u0000\"", StringComparison.Ordinal);
            case 8:
                // null list items where the model expects objects.
                return text.Replace("\"containers\":[", "\"containers\":[null,", StringComparison.Ordinal)
                    .Replace("\"ports\":[", "\"ports\":[null,", StringComparison.Ordinal)
                    .Replace("\"taints\":[", "\"taints\":[null,", StringComparison.Ordinal);
            case 9:
                return text.Replace("\"labels\":{", "\"labels\":{\"a\\u0000\":\"x\",", StringComparison.Ordinal);
            case 0:
                return new string('[', 2000) + new string(']', 2000);
            case 1:
                return Nest(random.Next(50, 400), text);
            case 2:
                return text.Replace(":80", ":1e400", StringComparison.Ordinal).Replace("\"1\"", "123456789012345678901234567890", StringComparison.Ordinal);
            case 3:
                return text.Replace("{\"name\":", "{\"name\":\"dup\",\"name\":", StringComparison.Ordinal);
            default:
                SwapTypes(root, random.Next(1, 4));
                return root?.ToJsonString() ?? "null";
        }
    }

    private static string Nest(int depth, string inner)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append("{\"metadata\":");
        }

        builder.Append(inner);
        return builder.Append('}', depth).ToString();
    }

    private void SwapTypes(JsonNode? root, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (parent, key) = PickMember(root);
            if (parent is null)
            {
                return;
            }

            JsonNode? replacement = random.Next(8) switch
            {
                0 => null,
                1 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : -1),
                2 => JsonValue.Create(random.NextDouble() * 1e300),
                3 => JsonValue.Create(true),
                4 => new JsonArray(JsonValue.Create("x"), null, new JsonObject()),
                5 => new JsonObject { ["k"] = "v" },
                6 => JsonValue.Create(new string('z', random.Next(1, 70_000))),
                _ => JsonValue.Create("\u0000\uFFFD\U0001F600 ../../"),
            };
            parent[key] = replacement;
        }
    }

    private (JsonObject? Parent, string Key) PickMember(JsonNode? node)
    {
        (JsonObject?, string) picked = (null, "");
        var seen = 0;
        void Visit(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList())
                    {
                        if (random.Next(++seen) == 0)
                        {
                            picked = (o, key);
                        }

                        Visit(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Visit(child);
                    }

                    break;
            }
        }

        Visit(node);
        return picked;
    }

    private byte[] MutateBytes(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var list = bytes.ToList();
        var at = random.Next(list.Count);
        var length = Math.Min(list.Count - at, random.Next(1, 16));
        switch (random.Next(6))
        {
            case 0:
                list[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                list.RemoveRange(at, length);
                break;
            case 2:
                list.InsertRange(at, list.GetRange(at, length));
                break;
            case 3:
                list.InsertRange(at, random.Next(2) == 0 ? [0xC3, 0x28] : [0xFF, 0xFE, 0x80]);
                break;
            case 4:
                list.RemoveRange(at, list.Count - at);
                break;
            default:
                list.Insert(at, (byte)Junk[random.Next(Junk.Length)]);
                break;
        }

        return [.. list];
    }
}
