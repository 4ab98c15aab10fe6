namespace OrleansCluster.Client; internal static class Placeholder { }
