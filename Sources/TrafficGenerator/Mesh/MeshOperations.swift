/// One kind of request a service answers: method, path shape, latency and sizes.
struct Operation {
    let method: Text
    /// Path up to the variable number (or the whole path).
    let pathHead: Text
    /// Range of the number appended to `pathHead`; `lo < 0` for none.
    let numberLo: Int
    let numberHi: Int
    let pathTail: Text
    let weight: Int
    /// Server time: log-normal median and spread, in milliseconds.
    let medianMs: Double
    let sigma: Double
    let requestBytes: (Int, Int)
    let responseBytes: (Int, Int)
    let successCode: Int

    init(_ method: Text, _ pathHead: Text, numbers: (Int, Int) = (-1, -1), tail: Text = "", weight: Int,
         median: Double, sigma: Double = 0.5, request: (Int, Int) = (0, 0), response: (Int, Int), code: Int = 200) {
        self.method = method
        self.pathHead = pathHead
        self.numberLo = numbers.0
        self.numberHi = numbers.1
        self.pathTail = tail
        self.weight = weight
        self.medianMs = median
        self.sigma = sigma
        self.requestBytes = request
        self.responseBytes = response
        self.successCode = code
    }
}

/// The operations of each target, with indices the scenarios refer to.
enum MeshOperations {
    static let placeOrder = 0, getOrder = 1, listOrders = 2, createOrder = 3, cancelOrder = 4, watchOrders = 6
    static let orders: [Operation] = [
        Operation("POST", "/shop.orders.v1.OrderService/PlaceOrder", weight: 30, median: 38,
                  request: (180, 900), response: (60, 400)),
        Operation("POST", "/shop.orders.v1.OrderService/GetOrder", weight: 34, median: 6, sigma: 0.45,
                  request: (40, 60), response: (300, 2500)),
        Operation("POST", "/shop.orders.v1.OrderService/ListOrders", weight: 18, median: 18, sigma: 0.55,
                  request: (30, 80), response: (2000, 30000)),
        Operation("POST", "/shop.orders.v1.OrderService/CreateOrder", weight: 8, median: 45,
                  request: (200, 1200), response: (60, 200)),
        Operation("POST", "/shop.orders.v1.OrderService/CancelOrder", weight: 5, median: 22,
                  request: (40, 80), response: (20, 80)),
        Operation("POST", "/shop.orders.v1.OrderService/UpdateShippingAddress", weight: 5, median: 15,
                  request: (120, 400), response: (20, 60)),
        // Server-streaming; only the stream-idle-timeout scenario opens these.
        Operation("POST", "/shop.orders.v1.OrderService/WatchOrders", weight: 0, median: 4,
                  request: (40, 60), response: (200, 3000)),
    ]

    static let authorize = 0
    static let payments: [Operation] = [
        Operation("POST", "/shop.payments.v1.PaymentService/Authorize", weight: 40, median: 140, sigma: 0.45,
                  request: (200, 600), response: (80, 300)),
        Operation("POST", "/shop.payments.v1.PaymentService/Capture", weight: 30, median: 95, sigma: 0.45,
                  request: (80, 200), response: (60, 200)),
        Operation("POST", "/shop.payments.v1.PaymentService/GetPaymentMethods", weight: 20, median: 7,
                  request: (30, 60), response: (200, 1500)),
        Operation("POST", "/shop.payments.v1.PaymentService/Refund", weight: 10, median: 160, sigma: 0.45,
                  request: (80, 200), response: (60, 200)),
    ]

    static let catalogV2 = 9, catalogExport = 10
    static let catalog: [Operation] = [
        Operation("GET", "/api/v1/products/", numbers: (10000, 99999), weight: 40, median: 8, response: (800, 4500)),
        Operation("GET", "/api/v1/products?category=shoes&page=", numbers: (1, 12), weight: 10, median: 24,
                  sigma: 0.55, response: (5000, 40000)),
        Operation("GET", "/api/v1/products?category=outdoor&page=", numbers: (1, 8), weight: 8, median: 24,
                  sigma: 0.55, response: (5000, 40000)),
        Operation("GET", "/api/v1/products?category=kitchen&page=", numbers: (1, 5), weight: 6, median: 22,
                  sigma: 0.55, response: (5000, 30000)),
        Operation("GET", "/api/v1/categories", weight: 9, median: 4, sigma: 0.4, response: (1100, 1400)),
        Operation("GET", "/api/v1/search?q=running+shoes", weight: 4, median: 42, sigma: 0.6, response: (3000, 25000)),
        Operation("GET", "/api/v1/search?q=espresso", weight: 3, median: 40, sigma: 0.6, response: (3000, 25000)),
        Operation("GET", "/api/v1/search?q=tent", weight: 3, median: 44, sigma: 0.6, response: (3000, 25000)),
        Operation("POST", "/api/v1/products/", numbers: (10000, 99999), tail: "/views", weight: 8, median: 5,
                  request: (60, 200), response: (0, 0), code: 204),
        // Only in scenarios: a path no VirtualService route matches, and a long export.
        Operation("GET", "/api/v2/products/", numbers: (10000, 99999), weight: 0, median: 8, response: (800, 4500)),
        Operation("GET", "/api/v1/export?format=csv&since=2026-11-01", weight: 0, median: 9000, sigma: 0.3,
                  response: (2_000_000, 9_000_000)),
    ]

    static let reviews: [Operation] = [
        Operation("GET", "/reviews/", numbers: (10000, 99999), weight: 70, median: 11, response: (300, 2500)),
        Operation("GET", "/reviews/", numbers: (10000, 99999), tail: "/summary", weight: 30, median: 6,
                  sigma: 0.45, response: (120, 400)),
    ]

    /// Requests from browsers and the mobile app, through the ingress gateway.
    static let frontend: [Operation] = [
        Operation("GET", "/", weight: 12, median: 70, response: (18000, 60000)),
        Operation("GET", "/products/", numbers: (10000, 99999), weight: 30, median: 55, response: (20000, 70000)),
        Operation("GET", "/cart", weight: 10, median: 40, response: (12000, 30000)),
        Operation("GET", "/api/cart", weight: 18, median: 25, response: (300, 3000)),
        Operation("POST", "/api/cart/items", weight: 12, median: 35, request: (80, 300), response: (200, 900), code: 201),
        Operation("POST", "/checkout", weight: 6, median: 210, sigma: 0.45, request: (400, 2000), response: (300, 1200)),
        Operation("GET", "/static/js/app.3f9c1b7e.js", weight: 12, median: 3, sigma: 0.4, response: (212_000, 212_000)),
        // What scanners ask for (answered 404).
        Operation("GET", "/.env", weight: 0, median: 2, sigma: 0.3, response: (9, 9), code: 404),
        Operation("GET", "/wp-login.php", weight: 0, median: 2, sigma: 0.3, response: (9, 9), code: 404),
    ]

    static let scannerProbes = [7, 8]
    static let scannerAgent: Text = "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)"

    static let browserAgents: [Text] = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "okhttp/4.12.0",
        "okhttp/4.12.0",
        "curl/8.5.0",
    ]

    static func operations(_ target: Target) -> [Operation] {
        switch target {
        case .orders: orders
        case .payments: payments
        case .catalog: catalog
        case .reviewsV1, .reviewsV2: reviews
        case .frontend: frontend
        }
    }
}
