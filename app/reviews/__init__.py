"""Product reviews: a buyer reviews each received order line once (rating,
text, up to 9 images, anonymous or not), may add one follow-up within 30
days; the merchant replies; staff moderate (keyword hold, hide, reports);
anyone reads a product's visible reviews and its rating summary."""
