"""Command line: a thin layer that calls the stages and turns errors into Spanish.

    python -m generator check [--data DIR]
    python -m generator build [--data DIR] [--site DIR] [--site-url URL]
    python -m generator plantillas --corte AAAA-TN [--data DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

from generator.build import BuildError, build_site, describe_os_error
from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.problems import InputError, Problems

REPO = Path(__file__).resolve().parent.parent
# What CI runners, `timeout`, systemd and a closed terminal send: handled like Ctrl-C.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """A stop signal, raised where the program is, so every cleanup runs as for Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_signals_interrupt():
    """Turn SIGTERM and SIGHUP into Interrupted; a signal ignored (nohup) stays ignored."""

    def stop(signum, frame):
        for each in STOP_SIGNALS:  # a second signal must not cut the cleanup short
            signal.signal(each, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {each: signal.getsignal(each) for each in STOP_SIGNALS}
    for each, handler in previous.items():
        if handler != signal.SIG_IGN:
            signal.signal(each, stop)
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Genera el sitio de rendición de cuentas de un plan de desarrollo.",
    )
    parser.add_argument("--depurar", action="store_true", help="muestra el detalle técnico de un error interno")
    sub = parser.add_subparsers(dest="command", metavar="ORDEN", required=True)

    data_help = "carpeta con los planes (por omisión, data/ del repositorio)"
    check = sub.add_parser("check", help="revisa los archivos y lista todos los problemas")
    check.add_argument("--data", type=Path, default=REPO / "data", help=data_help)

    build = sub.add_parser("build", help="revisa, calcula y construye el sitio")
    build.add_argument("--data", type=Path, default=REPO / "data", help=data_help)
    build.add_argument("--site", type=Path, default=REPO / "site", help="carpeta del sitio (por omisión, site/)")
    build.add_argument("--site-url", metavar="URL",
                       help="dirección pública del sitio, p. ej. https://www.ejemplo.gov.co/rendicion/: llena "
                            "sitemap.xml y los enlaces canónicos, y permite navegar sin recargar la página")
    build.add_argument("--conservar", type=Path, metavar="DIR", help="deja también las páginas generadas y un mkdocs.yml en DIR, para 'mkdocs serve'")

    sheets = sub.add_parser("plantillas", help="escribe las hojas de captura de un corte, una por dependencia")
    sheets.add_argument("--corte", required=True, help="corte, p. ej. 2022-T2")
    sheets.add_argument("--data", type=Path, default=REPO / "data", help=data_help)
    sheets.add_argument("--out", type=Path, default=Path("plantillas"), help="carpeta de salida (por omisión, plantillas/)")
    return parser


def _print_problems(problems: Problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr if problem.is_error else sys.stdout)
    if len(problems):
        print("El código entre corchetes al final de cada línea se explica en PROBLEMAS.md.",
              file=sys.stderr if problems.has_errors else sys.stdout)


def _print_warning_summary(problems: Problems, data: Path) -> None:
    """Avisos counted per file: `check` is where each one is read."""
    per_file: dict[str, int] = {}
    for warning in problems.warnings:
        per_file[warning.file] = per_file.get(warning.file, 0) + 1
    for file, count in sorted(per_file.items()):
        print(f"  {_count(count, 'aviso', 'avisos')} en {file}")
    if per_file:
        print(f"Véalos uno por uno con: python -m generator check --data {data}")


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _summary(problems: Problems) -> str:
    return f"{_count(len(problems.errors), 'error', 'errores')} y {_count(len(problems.warnings), 'aviso', 'avisos')}."


def _load(data: Path):
    if not data.is_dir():
        raise InputError(_missing_folder(data))
    return load_data(data)


def _missing_folder(data: Path) -> Problems:
    problems = Problems()
    problems.error("carpeta-no-existe", str(data), "la carpeta de datos no existe")
    return problems


def cmd_check(args) -> int:
    plans, problems = _load(args.data)
    _print_problems(problems)
    if problems.has_errors:
        print(f"Hay problemas que corregir: {_summary(problems)} No se puede publicar.", file=sys.stderr)
        return 1
    metas = sum(len(p.metas) for p in plans)
    cortes = sum(len(p.cortes) for p in plans)
    print(
        f"Todo en orden: {_count(len(plans), 'plan', 'planes')}, {_count(metas, 'meta', 'metas')}, "
        f"{_count(cortes, 'corte', 'cortes')}. {_summary(problems)}"
    )
    return 0


def cmd_build(args) -> int:
    if not args.data.is_dir():
        raise InputError(_missing_folder(args.data))
    report = build_site(args.data, args.site, keep_docs=args.conservar, site_url=args.site_url)
    _print_warning_summary(report.problems, args.data)
    site = args.site.resolve()
    print(f"Sitio construido en {site} ({_summary(report.problems)})")
    for note in report.notes:
        print(note)
    print(f"Ábralo con: python3 -m http.server -d {site} 8000  y luego http://localhost:8000/")
    return 0


def cmd_plantillas(args) -> int:
    # Here, not at the top: openpyxl (and numpy with it) costs a build 0.4 s it never uses.
    from generator.write.plantillas import write_capture_sheets

    plans, problems = _load(args.data)
    if problems.has_errors:
        raise InputError(problems)
    written = []
    try:
        for plan in plans:
            written += write_capture_sheets(plan, args.corte, args.out, compute_plan(plan))
    except ValueError as exc:  # a corte the plan does not have: the message is Spanish
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"Se escribieron {len(written)} hojas de captura en {args.out.resolve()}")
    return 0


def _shown(path: Path) -> Path:
    """The path as short as it can be said from here: messages name files with it."""
    relative = Path(os.path.relpath(path.resolve()))
    return path if relative.parts[:1] == ("..",) else relative


def _written_folder(args) -> Path:
    """The folder a command writes into (for check, the one it reads)."""
    if args.command == "build":
        return args.site.resolve().parent
    return (args.out if args.command == "plantillas" else args.data).resolve()


COMMANDS = {"check": cmd_check, "build": cmd_build, "plantillas": cmd_plantillas}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.data = _shown(args.data)
    try:
        with _stop_signals_interrupt():
            return COMMANDS[args.command](args)
    except InputError as exc:
        _print_problems(exc.problems)
        if args.command == "build":
            print(f"No se publicó nada: {_summary(exc.problems)} El sitio anterior quedó intacto.", file=sys.stderr)
        else:
            print(f"Hay problemas que corregir: {_summary(exc.problems)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # 128 + the signal's number, as a shell reports it
        print("Interrumpido. El sitio anterior quedó intacto.", file=sys.stderr)
        return 128 + getattr(exc, "signum", signal.SIGINT)
    except Exception as exc:  # a bug or an environment failure, not bad input
        if isinstance(exc, BuildError):
            print(f"Error: {exc}", file=sys.stderr)
            return 2
        if args.depurar:
            traceback.print_exc()
        said = describe_os_error(exc, _written_folder(args)) if isinstance(exc, OSError) else None
        if said:
            kept = " El sitio anterior quedó intacto." if args.command == "build" else ""
            print(f"Error: {said}.{kept}", file=sys.stderr)
            return 2
        print(
            f"Error interno ({type(exc).__name__}: {str(exc)[:300]}). El sitio anterior quedó intacto. "
            "Repita con --depurar para ver el detalle técnico y repórtelo.",
            file=sys.stderr,
        )
        return 2
