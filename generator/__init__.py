"""Generador del sitio de rendición de cuentas de planes de desarrollo municipales."""
