from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "camgiang_portal"
    verbose_name = "Cổng dân chủ cơ sở xã Cẩm Giang"

    def ready(self) -> None:
        from . import permission_cache

        permission_cache.connect()
