"""Every code block on the site, one module per page, in named sections."""
