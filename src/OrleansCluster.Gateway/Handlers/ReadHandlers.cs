using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>get and list: one grain call each; JSON lists are streamed in UTF-8 chunks, tables built from one answer.</summary>
internal static class ReadHandlers
{
    public static async Task GetAsync(ApiRequest request)
    {
        var json = await request.Object(request.Name).Get()
            ?? throw ApiException.NotFound(request.Target.Type.QualifiedPlural, request.Name);
        if (Negotiation.WantsTable(request.Http))
        {
            await Responses.JsonAsync(request.Context, 200, Tables.OfOne(request, request.Target.Type, json));
            return;
        }

        await Responses.JsonAsync(request.Context, 200, json);
    }

    public static async Task ListAsync(ApiRequest request)
    {
        var type = request.Target.Type;
        if (Negotiation.WantsTable(request.Http))
        {
            var list = await request.Grains.GetGrain<IListGrain>(0).List(request.Selection());
            await Responses.JsonAsync(request.Context, 200, Tables.Of(request, type, list.Items, list.ResourceVersion));
            return;
        }

        await ListStream.WriteAsync(request.Context, type.Kind, type.ApiVersion,
            request.Grains.GetGrain<IListStreamGrain>(Guid.NewGuid()), request.Selection());
    }
}
