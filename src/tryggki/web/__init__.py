"""The HTML application: templating, middleware, layout, static files and error pages."""
