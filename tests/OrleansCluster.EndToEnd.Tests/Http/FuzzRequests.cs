namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>One fuzz request, printable so that a failure names exactly what was sent.</summary>
internal sealed record FuzzRequest(int Index, string Method, string Path, string? ContentType, string? Accept, byte[]? Body,
    (string Name, string Value)? Header = null)
{
    public bool IsWatch => Path.Contains("watch=", StringComparison.Ordinal);

    public override string ToString()
    {
        var body = Body is null ? "(none)" : Body.Length > 300 ? $"{Convert.ToBase64String(Body[..300])}... ({Body.Length} bytes, base64)" : Convert.ToBase64String(Body);
        return $"#{Index} {Method} {Path}\n  Content-Type: {ContentType}\n  Accept: {Accept}\n  {Header?.Name}: {Header?.Value}\n  body (base64): {body}";
    }
}

/// <summary>
/// Random requests built from real path pieces, names good and bad, garbage query strings and content types, and
/// mutated bodies. Destructive verbs only ever reach the fuzz's own namespaces and fuzz-named objects, so the
/// test cannot harm what other tests in the collection use.
/// </summary>
internal sealed class FuzzRequests(Random random)
{
    public static readonly string[] OwnNamespaces = ["fuzz-a", "fuzz-b"];

    private static readonly string[] Prefixes = ["/api/v1", "/api/v1", "/api/v1", "/api/v1", "/api/v1", "/apis/coordination.k8s.io/v1", "/apis/coordination.k8s.io/v1", "/apis/apps/v1", "/api/v2", "/api", "/apis", "/apis/coordination.k8s.io", ""];
    private static readonly string[] Resources = ["pods", "pods", "pods", "services", "services", "leases", "nodes", "events", "leases", "namespaces", "widgets", "PODS", "", "pods.v1"];
    private static readonly (string Prefix, string Resource, bool Namespaced)[] RealResources =
    [
        ("/api/v1", "pods", true), ("/api/v1", "pods", true), ("/api/v1", "pods", true), ("/api/v1", "services", true),
        ("/api/v1", "events", true), ("/apis/coordination.k8s.io/v1", "leases", true), ("/api/v1", "nodes", false), ("/api/v1", "namespaces", false),
    ];

    private static readonly string[] Subresources = ["status", "finalize", "log", "exec", "scale", "binding", "x", ""];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "POST", "POST", "PUT", "PUT", "PATCH", "PATCH", "DELETE", "HEAD", "OPTIONS", "FOO"];
    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/yaml", "application/json; charset=utf-8", "application/merge-patch+json",
        "application/strategic-merge-patch+json", "application/json-patch+json", "application/apply-patch+yaml",
        "application/vnd.kubernetes.protobuf", "text/plain", null, "garbage", "application/json;;;=", "*/*", "application/x-yaml",
    ];

    private static readonly string?[] Accepts =
    [
        null, "application/json", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
        "application/vnd.kubernetes.protobuf,application/json", "text/html", "application/json;as=Table;g=meta.k8s.io;v=v1beta1",
    ];

    private static readonly string[] BadNames =
    [
        "Bad_Name", "..", ".", "%2e%2e", "a%2Fb", "fz-%C3%BC", "%E6%97%A5%E6%9C%AC", "-x", "x-", "a%20b", "%25", "%zz",
        "fz-" + new string('a', 300), "fz-%FF%FE", "fz-%01", "fz-1;x=y", "fz-1?", "fz-1%3Fwatch%3Dtrue", "%2E", ".%2e", "fz-1/..",
    ];

    /// <summary>Headers that must never widen what a request may do: impersonation, and a Host naming another listener.</summary>
    private static readonly (string, string)[] Headers =
    [
        ("Impersonate-User", "nobody"), ("Impersonate-Group", "system:masters"), ("Impersonate-Uid", "1"),
        ("Host", "127.0.0.1:1"), ("Host", "x"), ("Host", "localhost:8079"),
    ];

    private readonly FuzzBodies bodies = new(random);

    public FuzzRequest Next(int index)
    {
        var method = Pick(Methods);
        var ns = Pick(["fuzz-a", "fuzz-a", "fuzz-a", "fuzz-b", "fuzz-b", "default", "nope", "Bad_NS", "..", "kube-system"]);
        if (method is "DELETE" or "PUT" or "PATCH" && ns is "default" or "kube-system")
        {
            ns = "fuzz-a";
        }

        // Mostly a real resource at its real place, so that requests reach the handlers; sometimes anything.
        var (prefix, resource, namespaced) = random.Next(5) != 0
            ? Pick(RealResources)
            : (Pick(Prefixes), Pick(Resources), random.Next(2) == 0);
        if (namespaced && method == "GET" && random.Next(6) == 0)
        {
            namespaced = false;
        }

        var name = Name();
        var segments = new List<string> { prefix };
        if (namespaced)
        {
            segments.Add("namespaces");
            segments.Add(ns);
        }

        var named = method == "POST" ? random.Next(8) == 0 : random.Next(3) != 0;
        if (resource is "namespaces" && namespaced)
        {
            // /api/v1/namespaces/{ns}/namespaces... is not a path; /api/v1/namespaces/{ns}[/status|/finalize] is.
            resource = "";
            named = false;
        }

        if (resource.Length > 0)
        {
            segments.Add(resource);
        }

        if (named && resource.Length > 0)
        {
            segments.Add(name);
            if (random.Next(5) == 0)
            {
                segments.Add(Pick(Subresources));
            }
        }
        else if (!named && namespaced && resource.Length == 0 && random.Next(2) == 0)
        {
            segments.Add(Pick(["status", "finalize"]));
        }

        if (method == "DELETE" && (!namespaced || !OwnNamespaces.Contains(ns)) && !(named && name.StartsWith("fz-", StringComparison.Ordinal)))
        {
            // Collection deletes and deletes outside the fuzz's namespaces are confined to fuzz-named objects.
            method = "GET";
        }

        if (!namespaced && method is "PUT" or "PATCH" or "DELETE" && !(named && name.StartsWith("fz-", StringComparison.Ordinal)))
        {
            method = "GET";
        }

        if (method == "DELETE" && resource.Length == 0)
        {
            // Deleting a fuzz namespace itself would only end the run's coverage early.
            method = "GET";
        }

        var path = MutatePath(string.Join('/', segments)) + Query(method);
        var hasBody = method is "POST" or "PUT" or "PATCH" || (method == "DELETE" && random.Next(3) == 0) || random.Next(20) == 0;
        var body = hasBody ? bodies.Next(random.Next(3) == 0 ? Name() : $"fz-{random.Next(8)}") : null;
        return new FuzzRequest(index, method, path, hasBody ? Pick(ContentTypes) : null, Pick(Accepts), body,
            random.Next(12) == 0 ? Pick(Headers) : null);
    }

    private string Name() => random.Next(4) == 0 ? Pick(BadNames) : $"fz-{random.Next(8)}";

    private string MutatePath(string path)
    {
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        return random.Next(30) switch
        {
            0 => path.Replace("/", "//", StringComparison.Ordinal),
            1 => path + Pick(["/..", "/%2e%2e", "/.", "/../.."]),
            2 => path.Insert(random.Next(path.Length), "%2F"),
            3 => path.Replace("v1", "%76%31", StringComparison.Ordinal),
            4 => path + "/",
            5 => path + "/x.json",
            _ => path,
        };
    }

    private string Query(string method)
    {
        var parts = new List<string>();
        var count = random.Next(4) == 0 ? 0 : random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            parts.Add(random.Next(10) switch
            {
                0 => "labelSelector=" + Escape(Pick(["a=b", "a!=b", "a in (b,c)", "a in (b", "===", "!", "a,,b", "a=b=c", "x notin ()", new string('(', 200)])),
                1 => "fieldSelector=" + Escape(Pick(["metadata.name=fz-1", "metadata.namespace!=x", "spec.foo=bar", "===", "status.phase", "involvedObject.uid=x,,"])),
                2 => "resourceVersion=" + Pick(["0", "1", "abc", "-1", "99999999999999999999", "", "1.5", " 1"]),
                3 => "timeoutSeconds=" + Pick(["1", "0", "-1", "abc", "2147483647", "99999999999"]),
                4 => "fieldValidation=" + Pick(["Strict", "Warn", "Ignore", "strict", "bogus", ""]),
                5 => "limit=" + Pick(["1", "-1", "x", "500"]),
                6 => "includeObject=" + Pick(["None", "Metadata", "Object", "All"]),
                7 => "gracePeriodSeconds=" + Pick(["0", "-1", "x", "30", "99999999999999999999"]),
                8 => "propagationPolicy=" + Pick(["Foreground", "Background", "Orphan", "Bogus"]),
                _ => "fieldManager=" + Pick(["fuzz", "", new string('m', 200)]),
            });
        }

        if (method == "GET" && random.Next(6) == 0)
        {
            // Watches in the fuzz always end by themselves (or are refused), so the test stays fast.
            parts.RemoveAll(p => p.StartsWith("timeoutSeconds=", StringComparison.Ordinal));
            parts.Add("watch=" + Pick(["true", "1", "false", "yes"]));
            parts.Add("timeoutSeconds=" + Pick(["1", "1", "1", "0", "2147483647"]));
            if (random.Next(2) == 0)
            {
                parts.Add("allowWatchBookmarks=true");
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private T Pick<T>(T[] options) => options[random.Next(options.Length)];
}
