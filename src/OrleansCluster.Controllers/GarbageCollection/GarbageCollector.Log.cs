using Microsoft.Extensions.Logging;

namespace OrleansCluster.Controllers.GarbageCollection;

public sealed partial class GarbageCollector
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting {Object}: no owner is left (propagation {Policy})")]
    private static partial void LogDeleting(ILogger logger, string @object, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Object}: removed the references to owners that are gone or deleting ({Uids})")]
    private static partial void LogReferencesRemoved(ILogger logger, string @object, string uids);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Object}: orphaned from owner {OwnerUid}")]
    private static partial void LogOrphaned(ILogger logger, string @object, string ownerUid);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Object}: removed the {Finalizer} finalizer")]
    private static partial void LogFinalized(ILogger logger, string @object, string finalizer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Object} is left alone: its owner reference {ApiVersion}/{Kind} {Name} cannot be followed: {Why}")]
    private static partial void LogUnresolvable(ILogger logger, string @object, string apiVersion, string kind, string name, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The informers are still behind revision {Revision}; going on with what they hold")]
    private static partial void LogBehind(ILogger logger, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Reason} event failed")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string reason);
}
