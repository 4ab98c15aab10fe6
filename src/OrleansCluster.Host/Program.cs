System.Console.WriteLine("host");
