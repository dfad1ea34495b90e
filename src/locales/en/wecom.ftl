# The WeCom channel: hints on cards. Long button lists take several cards; replying with a number is the same as a press.
wecom-card-hint = Press a button, or reply #number
wecom-card-page = Page { $page }/{ $pages }
wecom-card-done = Done
