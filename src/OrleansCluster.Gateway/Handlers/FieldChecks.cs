using OrleansCluster.Abstractions;
using OrleansCluster.Core.FieldValidation;
using OrleansCluster.Core.Resources;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// The <c>fieldValidation</c> query parameter: unknown and duplicate fields are an error (Strict), warnings
/// (Warn, the default) or ignored (Ignore), as in Kubernetes.
/// </summary>
internal static class FieldChecks
{
    /// <summary>Applies the request's field validation; true when the body was checked and has no unknown or repeated field.</summary>
    public static bool Check(ApiRequest request, ResourceType type, string json)
    {
        var value = Negotiation.Query(request.Http, "fieldValidation");
        if (!FieldValidationText.TryParse(value, out var mode))
        {
            throw ApiException.BadRequest(FieldValidationText.UnsupportedMessage(value!));
        }

        if (mode == FieldValidationMode.Ignore)
        {
            return false;
        }

        var issues = FieldValidator.Find(type.ModelType, json);
        if (issues.Count == 0)
        {
            return true;
        }

        if (mode == FieldValidationMode.Strict)
        {
            throw ApiException.BadRequest(FieldValidationText.StrictMessage(issues, type.Kind, type.Version));
        }

        request.Context.Response.Headers.Warning = new Microsoft.Extensions.Primitives.StringValues(
            FieldValidationText.WarningHeaders(issues).ToArray());
        return false;
    }
}
