namespace OrleansCluster.Core;
internal static class Placeholder { }
