"""Signing and addenda: the author's password again, the lock and the content hash, corrections afterwards."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.audit.journal import Actor
from app.crypto.kdf import verify_password
from app.errors import QT_TRANSLATE_NOOP, AccountLocked, InvalidInput
from app.kernel import validation
from app.kernel.pending_events import is_locked
from app.kernel.work import Work
from app.models import Operation, User, Writing, WritingAddendum
from app.models.writings import WritingStatus
from app.services.accounts import local_time
from app.writings import natinf, store
from app.writings.base import WritingsBase, _Refusal
from app.writings.types import AddendumInfo, NotSigned, NotTheAuthor, WritingDetail, WrongSigningPassword


# The station's clock and the officer's watch may differ by a few minutes.
SIGNING_MARGIN = timedelta(minutes=15)
TIME_AFTER_SIGNING = QT_TRANSLATE_NOOP(
    "errors", "The document {number} cannot be signed: its field \u201c{field}\u201d ({when}) is later than now. "
              "Correct the date, then sign.")
FACTS_TIME = QT_TRANSLATE_NOOP("fields", "Date and time of the facts")
HANDED_OVER_TIME = QT_TRANSLATE_NOOP("fields", "Handed to an OPJ on")


class Signing(WritingsBase):
    """Signing and addenda."""

    def sign(self, actor: Actor, writing_id: str, password: str) -> WritingDetail:
        """The author types their password again; the document is locked and its content hash stored."""
        with self._unit(actor) as work:
            session = work.session
            writing = self._editable(work, actor, writing_id, "signature")
            if writing.author_id != actor.user_id:
                raise _Refusal(NotTheAuthor(number=writing.number), writing.id, "refused: signature by another")
            self._check_password(work, actor, writing, password)
            if not writing.facts.strip():
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "errors", "The document {number} has no facts: it cannot be signed empty."), number=writing.number)
            self._check_times(work, writing)
            if writing.natinf_version_id:  # codes are checked again against the version the document records
                version = session.get(natinf.NatinfVersion, writing.natinf_version_id)
                assert version is not None  # a foreign key
                natinf.require_codes(session, version, [o.code for o in store.offences_of(session, writing.id)])
            self._keep_version(work, actor, writing, "signed")
            # One UPDATE locks the document with its hash: the trigger refuses any change after it.
            writing.signed_at = work.now
            with session.no_autoflush:
                writing.content_hash = store.content_hash(session, writing)
            writing.status = WritingStatus.SIGNED
            self._touch(work, actor, writing)
            self._journal(work, Operation.MODIFY, writing, detail=f"signed; sha256 {writing.content_hash}")
            result = store.detail(session, writing)
            work.commit()
            return result

    @staticmethod
    def _check_times(work: Work, writing: Writing) -> None:
        """A document relates what happened before it was signed: a time of the facts, or of a person handed to
        an OPJ, after the signature is a typing slip that the signature would make final (a draft may hold
        it while it is written)."""
        for moment, label in ((writing.occurred_at, FACTS_TIME), (writing.handed_over_at, HANDED_OVER_TIME)):
            if moment is not None and moment > work.now + SIGNING_MARGIN:
                raise InvalidInput(TIME_AFTER_SIGNING, number=writing.number, field=label, when=moment)

    def _check_password(self, work: Work, actor: Actor, writing: Writing, password: str) -> None:
        """The signer's password, checked as a login's is: a wrong one counts toward the lockout.

        A locked account cannot sign, whatever the password: the answer is the same for every
        password typed during the lock, so that signing cannot be used to go on guessing.
        """
        user = work.session.get(User, actor.user_id)
        if user is not None and user.locked_until is not None and is_locked(user, work.now):
            raise _Refusal(AccountLocked(until=local_time(user.locked_until)), writing.id,
                           "signature refused: account locked")
        if user is not None and user.active and verify_password(password, user.password_hash):
            return
        raise _Refusal(WrongSigningPassword(number=writing.number), writing.id, "signature refused: wrong password",
                       wrong_password=True)

    def add_addendum(self, actor: Actor, writing_id: str, text: str, password: str) -> AddendumInfo:
        """A correction of a signed document, numbered 1, 2... within it, signed with the password as written."""
        body = validation.required(text or "", QT_TRANSLATE_NOOP("fields", "Addendum"), max_length=50_000)
        with self._unit(actor) as work:
            session = work.session
            writing = self._writing(work, writing_id)
            if writing.status != WritingStatus.SIGNED:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "errors", "The document {number} is still a draft: correct it directly; addenda are for "
                              "signed documents."), number=writing.number)
            self._check_password(work, actor, writing, password)
            addendum = self._new_addendum(work, actor, writing, body)
            work.queue(addendum)
            self._touch(work, actor, writing)
            self._journal(work, Operation.CREATE, writing,
                          detail=f"addendum {addendum.addendum_number}; sha256 {addendum.content_hash}")
            info = AddendumInfo(addendum.id, addendum.addendum_number, addendum.text, addendum.author_name,
                                addendum.author_grade, addendum.author_matricule, addendum.signed_at,
                                addendum.content_hash)
            work.commit()
            return info

    def _new_addendum(self, work: Work, actor: Actor, writing: Writing, body: str) -> WritingAddendum:
        """The next addendum of *writing*, signed now by *actor*, with its hash, flushed."""
        session = work.session
        author = session.get(User, actor.user_id)
        assert author is not None  # its password was just checked
        count = session.scalar(select(func.max(WritingAddendum.addendum_number))
                               .where(WritingAddendum.writing_id == writing.id)) or 0
        addendum = WritingAddendum(
            writing_id=writing.id, addendum_number=count + 1, text=body, author_id=actor.user_id,
            author_name=author.full_name, author_grade=author.grade, author_matricule=author.matricule,
            signed_at=work.now, content_hash="", version=1,
        )
        addendum.content_hash = store.addendum_hash(writing, addendum)
        session.add(addendum)
        session.flush()
        return addendum

    def verify_content(self, actor: Actor, writing_id: str) -> bool:
        """Whether a signed document's content still gives the hash stored at signing."""
        with self._reading(actor) as work:
            writing = self._writing(work, writing_id)
            if writing.status != WritingStatus.SIGNED:
                raise NotSigned(number=writing.number)
            return store.content_hash(work.session, writing) == writing.content_hash
