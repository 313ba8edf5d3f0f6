namespace lg::admin {}
