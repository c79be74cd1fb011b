"""MkDocs hook: the offline copy of the site (built by scripts/make_offline.py).

Material's offline plugin is listed in mkdocs.yml and switched on only by PACER_OFFLINE=true,
so both builds share one configuration. Search from file:// needs the iframe-worker shim,
which the plugin would load from a CDN unless a polyfill named iframe-worker is listed: the
site ships its own copy (overrides/assets/javascripts/vendor/).
"""

from mkdocs.plugins import event_priority

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


@event_priority(100)  # before the offline plugin's own on_config adds its CDN copy
def on_config(config):
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM not in polyfills:
            polyfills.append(SHIM)
    return config
