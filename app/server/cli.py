"""`vigie-server`: run the hosted sync server and administer it (docs/sync.md).

Every command takes --data-dir DIR (a SQLite file in it) or --database-url URL (better given
in the environment as VIGIE_SERVER_DATABASE_URL: an argument shows in the process list), before
or after the command. A mistake prints one French line on standard error and exits with 1.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.server import db
from app.server.settings import ServerSettings

EXIT_MISTAKE = 1
# argparse's own words, as the `vigie` command has them from its catalogue (app/cli/french.py, context
# "argparse"): the server cannot read that catalogue (Qt's), so it says them here.
FRENCH = {
    "usage: ": "utilisation : ",
    # argparse writes ":" right after a section's title; French puts a space before it.
    "positional arguments": "arguments positionnels ",
    "options": "options ",
    "show this help message and exit": "affiche cette aide et quitte",
    "show program's version number and exit": "affiche la version et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
}


class Mistake(Exception):
    """A mistake of the person at the command line: one French line."""


class ServerParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_MISTAKE, f"vigie-server: {message} (voir « {self.prog} --help »)\n")


def _french(message: str) -> str:
    return FRENCH.get(message, message)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"un port de 0 à 65535 est attendu, pas « {text} »")
    return int(text)


# The system's reasons, in French: the operator reads them beside French sentences (vigie-server speaks French
# without a translation catalogue).
SYSTEM_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable", errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise", errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule", errno.EEXIST: "un fichier existe déjà à cet endroit",
    errno.ENOTDIR: "une partie du chemin est un fichier, pas un dossier", errno.EISDIR: "c'est un dossier",
    errno.EIO: "erreur d'entrée-sortie du disque", errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EADDRNOTAVAIL: "adresse non disponible sur cette machine", errno.ECONNREFUSED: "connexion refusée",
}


def system_reason(exc: OSError) -> str:
    return SYSTEM_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"un nombre entier d'au moins 1 est attendu, pas « {text} »")
    return int(text)


def _database_options(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--data-dir", type=Path, default=default, metavar="DOSSIER",
                        help="dossier des données du serveur (base SQLite vigie-server.sqlite)")
    parser.add_argument("--database-url", default=default, metavar="URL",
                        help="base PostgreSQL (postgresql://…) ; de préférence dans la variable "
                             f"d'environnement {db.URL_ENVIRONMENT}")


def build_parser() -> argparse.ArgumentParser:
    from app.server import cli_commands as commands

    parser = ServerParser(prog="vigie-server", description="Serveur de synchronisation de Vigie (aveugle : "
                                                           "il ne stocke que des données chiffrées).")
    parser.add_argument("--version", action="version", version=f"vigie-server {__version__}",
                        help="affiche la version et quitte")
    _database_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=ServerParser)
    common = ServerParser(add_help=False)
    _database_options(common, top=False)

    serve = sub.add_parser("serve", parents=[common], help="démarre le serveur")
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8750, help="port d'écoute (défaut : 8750 ; 0 : un port libre)")
    serve.add_argument("--tls-cert", type=Path, metavar="FICHIER", help="certificat TLS (PEM)")
    serve.add_argument("--tls-key", type=Path, metavar="FICHIER", help="clé privée TLS (PEM)")
    serve.add_argument("--pairings-per-address", type=_positive, default=ServerSettings.pairing_limit, metavar="N",
                       help="appairages ouverts par une même adresse en 10 minutes avant refus "
                            f"(défaut : {ServerSettings.pairing_limit} ; plus derrière une adresse partagée)")
    serve.set_defaults(handler=commands.serve)

    tenant = sub.add_parser("tenant", help="services (locataires)").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ServerParser)
    add = tenant.add_parser("add", parents=[common], help="crée un service et affiche son jeton d'inscription")
    add.add_argument("name", metavar="NOM", help="nom du service (« Police municipale de Montclair »)")
    add.set_defaults(handler=commands.tenant_add)
    tenant.add_parser("list", parents=[common], help="liste les services").set_defaults(handler=commands.tenant_list)

    device = sub.add_parser("device", help="postes inscrits").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ServerParser)
    device.add_parser("list", parents=[common], help="liste les postes").set_defaults(handler=commands.device_list)
    revoke = device.add_parser("revoke", parents=[common], help="révoque un poste (son jeton est refusé)")
    revoke.add_argument("device_id", metavar="POSTE", help="identifiant du poste, tel que « device list » l'affiche")
    revoke.set_defaults(handler=commands.device_revoke)

    backup = sub.add_parser("backup", parents=[common], help="copie cohérente du jour (7 gardées)")
    backup.add_argument("--out", type=Path, required=True, metavar="DOSSIER", help="dossier des sauvegardes")
    backup.set_defaults(handler=commands.backup)
    restore = sub.add_parser("restore", parents=[common], help="remet une sauvegarde (serveur arrêté)")
    restore.add_argument("file", type=Path, metavar="FICHIER", help="copie faite par « vigie-server backup »")
    restore.set_defaults(handler=commands.restore)
    return parser


def database_url(args: argparse.Namespace) -> str:
    try:
        return db.url_from(args.data_dir, args.database_url)
    except db.DatabaseUrlError as exc:
        if not str(exc):
            raise Mistake("indiquez --data-dir DIR ou --database-url URL") from exc
        raise Mistake(f"adresse de base de données non prise en charge : {exc}") from exc
    except OSError as exc:
        raise Mistake(f"dossier de données inutilisable : {system_reason(exc)}") from exc


def main(argv: list[str] | None = None) -> int:
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = _french  # type: ignore[attr-defined]
    try:
        return _run(argv)
    finally:
        argparse._ = english  # type: ignore[attr-defined]


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        parser.print_help()
        return EXIT_MISTAKE
    try:
        result: int = args.handler(args)
        return result
    except Mistake as exc:
        print(f"vigie-server: {exc}", file=sys.stderr)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
        print(f"vigie-server: base de données inaccessible : {reason}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_MISTAKE
