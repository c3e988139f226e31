"""What each `vigie-server` command does (app/server/cli.py declares them)."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from datetime import datetime

from sqlalchemy import Engine, select

from app.server import accounts, backup as backups, db
from app.server.cli import Mistake, database_url, system_reason
from app.server.french import line, say
from app.server.models import Device, Tenant
from app.server.settings import ServerSettings, utc_now


def _engine(args: argparse.Namespace, existing: bool = False) -> Engine:
    """The server's database, brought to the current schema. *existing*: a command that reads or changes what
    a server holds refuses a data folder that holds none (a mistyped --data-dir made a new, empty one)."""
    if existing and args.data_dir is not None and not args.database_url \
            and not (args.data_dir / db.DATABASE_FILE).is_file() and not os.environ.get(db.URL_ENVIRONMENT):
        raise Mistake("aucun serveur dans {folder} (« vigie-server tenant add » crée le premier service).",
                      folder=args.data_dir)
    engine = db.make_engine(database_url(args), pool_size=2)
    db.upgrade(engine)
    return engine


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.server import stopping
    from app.server.api import create_app

    if (args.tls_cert is None) != (args.tls_key is None):
        raise Mistake("--tls-cert et --tls-key vont ensemble.")
    if args.tls_cert is not None:
        _check_tls(args.tls_cert, args.tls_key)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    url = database_url(args)
    with ExitStack() as held:
        _hold(held, backups.serving, url)  # from before its migrations to its last answer: no restore meanwhile
        app = create_app(ServerSettings(database_url=url, pairing_limit=args.pairings_per_address))
        try:
            listener = _listener(args.host, args.port)
        except OSError as exc:
            raise Mistake("impossible d'écouter sur {host}:{port} : {reason}.", host=args.host, port=args.port,
                          reason=system_reason(exc)) from exc
        host, port = listener.getsockname()[:2]
        scheme = "https" if args.tls_cert else "http"
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5,
                                ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, server_header=False)
        say("vigie-server: à l'écoute sur {url}", url=f"{scheme}://{host}:{port}")  # the URL last: it is read there
        server = stopping.Server(config)
        try:
            with stopping.stopping():
                server.run(sockets=[listener])
        except stopping.Stopped as stop:
            say(server.farewell(), sys.stderr)
            return stopping.STATUSES[stop.signum]
    return 0


def _hold(held: ExitStack, lock: Callable[[str], AbstractContextManager[None]], url: str) -> None:
    """The serving lock of *url*'s database (backup.serving, backup.stopped), held until *held* ends; its
    refusal is one line."""
    try:
        held.enter_context(lock(url))
    except backups.BackupError as exc:
        raise Mistake("{reason}", reason=exc) from exc  # its line, typeset already: put in as it is
    except OSError as exc:  # the lock file beside a SQLite database cannot be made (a read-only folder)
        raise Mistake("verrou de la base inutilisable : {reason}.", reason=system_reason(exc)) from exc


def _check_tls(cert, key) -> None:
    """The certificate and its key loaded as uvicorn will load them: refused here in one line, before the
    server says it listens (uvicorn's own refusal came after, as a traceback)."""
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        raise Mistake("certificat TLS ou clé inutilisable ({cert}, {key}) : {reason}.", cert=cert, key=key,
                      reason=exc.reason or exc) from exc
    except OSError as exc:
        raise Mistake("certificat TLS ou clé illisible ({cert}, {key}) : {reason}.", cert=cert, key=key,
                      reason=system_reason(exc)) from exc


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _listener(host: str, port: int) -> socket.socket:
    """The listening socket, made with IPPROTO_TCP. (socket.create_server makes it with protocol 0, and
    asyncio sets TCP_NODELAY only on sockets that say TCP: every answer, written as its head and then
    its body, then waited for the client's delayed acknowledgement, 40 ms on Linux, for each request.)"""
    listener = socket.socket(_family(host), socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener


def tenant_add(args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name or len(name) > 200 or any(ord(c) < 32 for c in name):
        raise Mistake("nom de service invalide (1 à 200 caractères imprimables).")
    engine = _engine(args)
    with db.sessions(engine)() as session:
        tenant, token = accounts.add_tenant(session, name, utc_now())
        session.commit()
    engine.dispose()
    say("Service « {name} » créé : {id}", name=name, id=tenant.id)
    say("Jeton d'inscription (à usage unique, affiché une seule fois) :")
    say("{token}", token=token)  # alone on the last line: it is copied from there
    return 0


# A list is read by people and by scripts: a line that names the columns, then one line per row, its columns
# separated by tabs (a name may hold spaces); times as `vigie` writes them, in local time.
TENANT_COLUMNS = "identifiant\tservice\tséquence\tcréé le"
DEVICE_COLUMNS = "identifiant\tservice\tposte\tétat"


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def tenant_list(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    with db.sessions(engine)() as session:
        rows = [(tenant.id, tenant.name, tenant.last_seq, _local(tenant.created_at))
                for tenant in session.scalars(select(Tenant).order_by(Tenant.name))]
    engine.dispose()
    say(TENANT_COLUMNS)
    for tenant_id, name, seq, created in rows:
        say("{id}\t{name}\t{seq}\t{created}", id=tenant_id, name=name, seq=seq, created=created)
    return 0


def device_list(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    with db.sessions(engine)() as session:
        rows = [(device.id, tenant.name, device.name, _state(device)) for device, tenant in accounts.devices(session)]
    engine.dispose()
    say(DEVICE_COLUMNS)
    for device_id, tenant, name, state in rows:
        say("{id}\t{tenant}\t{name}\t{state}", id=device_id, tenant=tenant, name=name, state=state)
    return 0


def _state(device: Device) -> str:
    if device.revoked_at is not None:
        return line("révoqué le {when}", when=_local(device.revoked_at))
    return line("actif") if device.token_hash else line("en attente d'appairage")


def device_revoke(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    with db.sessions(engine)() as session:
        device = accounts.revoke(session, args.device_id, utc_now())
        if device is None:
            raise Mistake("poste inconnu : {device}.", device=args.device_id)
        session.commit()
        name = device.name
    engine.dispose()
    say("Poste « {name} » révoqué : son jeton est désormais refusé.", name=name)
    return 0


def backup(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    try:
        path = backups.make_backup(engine, args.out, utc_now().date())
    except OSError as exc:
        raise Mistake("sauvegarde impossible dans {folder} : {reason}.", folder=args.out,
                      reason=system_reason(exc)) from exc
    finally:
        engine.dispose()
    say("Sauvegarde écrite : {path}", path=path)
    return 0


def restore(args: argparse.Namespace) -> int:
    with ExitStack() as held:
        _hold(held, backups.stopped, database_url(args))  # no server under it, and none starts before it ends
        engine = _engine(args)
        try:
            count = backups.restore(engine, args.file)
        except backups.BackupError as exc:
            raise Mistake("{reason}", reason=exc) from exc  # typeset already, as in _hold
        finally:
            engine.dispose()
    say("Sauvegarde remise : {count} lignes ; les séquences reprennent {gap} plus loin.", count=count,
        gap=backups.SEQ_GAP)
    return 0
