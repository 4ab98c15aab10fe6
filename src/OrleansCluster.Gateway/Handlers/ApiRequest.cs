using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Http;
using OrleansCluster.Gateway.Routing;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>One API request: what it targets, and the cluster to ask.</summary>
public sealed record ApiRequest(HttpContext Context, ApiTarget Target, IGrainFactory Grains, TimeProvider Time)
{
    public HttpRequest Http => Context.Request;

    public CancellationToken Aborted => Context.RequestAborted;

    public IObjectGrain Object(string name) => Grains.GetGrain<IObjectGrain>(Target.GrainKey(name));

    public string Name => Target.Name ?? throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public Selection Selection(string? extraFieldSelector = null)
    {
        var fields = Negotiation.Query(Http, "fieldSelector");
        if (extraFieldSelector is not null)
        {
            fields = fields is null ? extraFieldSelector : $"{fields},{extraFieldSelector}";
        }

        return new Selection
        {
            Resource = Target.Type.QualifiedPlural,
            Namespace = Target.Namespace,
            LabelSelector = Negotiation.Query(Http, "labelSelector"),
            FieldSelector = fields,
        };
    }
}
