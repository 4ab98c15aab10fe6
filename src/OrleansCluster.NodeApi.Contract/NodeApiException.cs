using System.Text.Json.Nodes;

namespace OrleansCluster.NodeApi;

/// <summary>
/// A refusal of the node API, answered as a Kubernetes <c>metav1.Status</c> so the gateway can relay it unchanged
/// (kubelet answers its errors the same way and the API server passes them through).
/// </summary>
public sealed class NodeApiException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public static NodeApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static NodeApiException WaitingToStart(string container, string pod, string reason = "ContainerCreating") =>
        BadRequest($"container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}");

    public string ToStatusJson() => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["code"] = Code,
    }.ToJsonString();
}
