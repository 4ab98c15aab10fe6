namespace OrleansCluster.Abstractions; internal static class Placeholder { }
