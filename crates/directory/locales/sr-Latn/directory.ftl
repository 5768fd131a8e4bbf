invalid-service-inactive = ne prima upućivanja (njen status je { $status })
