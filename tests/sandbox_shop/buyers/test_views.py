import pytest

from sandbox_shop.buyers.models import BuyerMessage, PracticeOrder
from tests.factories import AdminFactory, FacilityFactory, InstructorFactory, LearnerFactory, build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario():
    return build_scenario(title="Tas Anyaman Pandan Motif Bunga")


@pytest.fixture
def learner_client(client, scenario):
    client.force_login(scenario.learner)
    return client


def test_the_learner_sees_their_practice_buyers(learner_client, scenario):
    response = learner_client.get("/toko-latihan/pembeli/")
    assert response.status_code == 200
    [summary] = response.context["summaries"]
    assert (summary.messages, summary.answered, summary.orders, summary.shipped) == (5, 0, 2, 0)
    assert "Tas Anyaman Pandan Motif Bunga" in response.content.decode()


def test_opening_the_inbox_shows_every_buyer_and_starts_the_clock(learner_client, scenario):
    response = learner_client.get(f"/toko-latihan/pembeli/{scenario.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    for message in scenario.messages.all():
        assert message.buyer_name in page
    assert not scenario.messages.filter(appeared_at__isnull=True).exists()


def test_answering_a_buyer_shows_the_grade(learner_client, scenario):
    message = scenario.messages.get(key="cod")
    url = f"/toko-latihan/pembeli/pesan/{message.pk}/"
    response = learner_client.post(url, {"text": "Halo kak, bisa COD kok. Terima kasih sudah bertanya!"})
    assert response.status_code == 302 and response["Location"] == url

    page = learner_client.get(url)
    message.refresh_from_db()
    assert message.score == 100
    assert "100 / 100" in page.content.decode()
    assert len(page.context["feedback"]) == 6 and all(line["passed"] for line in page.context["feedback"])
    assert 'name="text"' not in page.content.decode()  # answered once: no second answer form


def test_an_answer_with_contact_details_is_refused_on_the_page(learner_client, scenario):
    message = scenario.messages.get(key="stock")
    response = learner_client.post(
        f"/toko-latihan/pembeli/pesan/{message.pk}/", {"text": "Ada kak, chat saya di WA 0812 3456 7890"}
    )
    assert response.status_code == 400
    [error] = response.context["form"].errors["text"]
    assert error.startswith("Jawaban Anda belum terkirim. Di dalamnya ada aplikasi pesan")  # Indonesian first
    assert "nomor telepon" in error
    assert "0812 3456 7890" in response.content.decode()  # the typed text stays, to be corrected
    message.refresh_from_db()
    assert not message.is_answered


def test_an_empty_answer_is_refused(learner_client, scenario):
    message = scenario.messages.get(key="stock")
    response = learner_client.post(f"/toko-latihan/pembeli/pesan/{message.pk}/", {"text": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["text"]
    assert not BuyerMessage.objects.filter(answered_at__isnull=False).exists()


def test_processing_an_order_from_confirm_to_ship(learner_client, scenario):
    order = scenario.orders.first()
    url = f"/toko-latihan/pembeli/pesanan/{order.pk}/"
    assert learner_client.get(url).context["next_move"] == "confirm"
    assert learner_client.post(url, {"move": "confirm"}).status_code == 302
    assert learner_client.post(url, {"move": "pack"}).status_code == 302

    wrong = learner_client.post(url, {"move": "ship", "courier": "sicepat", "receipt": "JP1234567890"})
    assert wrong.status_code == 400
    assert wrong.context["ship_form"].errors["receipt"]
    order.refresh_from_db()
    assert order.status == PracticeOrder.Status.PACKED

    missing = learner_client.post(url, {"move": "ship", "courier": "", "receipt": ""})
    assert missing.status_code == 400
    assert set(missing.context["ship_form"].errors) == {"courier", "receipt"}

    assert (
        learner_client.post(url, {"move": "ship", "courier": "sicepat", "receipt": "0012 3456 7890"}).status_code == 302
    )
    order.refresh_from_db()
    assert (order.status, order.receipt_number) == (PracticeOrder.Status.SHIPPED, "001234567890")


def test_a_move_out_of_turn_is_refused_with_a_message(learner_client, scenario):
    order = scenario.orders.first()
    url = f"/toko-latihan/pembeli/pesanan/{order.pk}/"
    response = learner_client.post(url, {"move": "pack"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    order.refresh_from_db()
    assert order.status == PracticeOrder.Status.NEW
    response = learner_client.post(url, {"move": "explode"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert "explode" not in response.content.decode()


def test_another_learner_cannot_reach_them(client, scenario):
    client.force_login(LearnerFactory(facility=scenario.facility))
    message, order = scenario.messages.first(), scenario.orders.first()
    for url in (
        f"/toko-latihan/pembeli/{scenario.pk}/",
        f"/toko-latihan/pembeli/pesan/{message.pk}/",
        f"/toko-latihan/pembeli/pesanan/{order.pk}/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/toko-latihan/pembeli/pesan/{message.pk}/", {"text": "Halo kak"}).status_code == 404
    assert client.get("/toko-latihan/pembeli/").context["summaries"] == []


def _answer_one(scenario):
    from sandbox_shop.buyers import services

    message = scenario.messages.get(key="stock")
    services.scenario_open(actor=scenario.learner, scenario=scenario)
    services.message_answer(actor=scenario.learner, message=message, text="Halo kak, stok ada. Terima kasih")


def test_officers_see_the_results_of_their_learners(client, scenario):
    _answer_one(scenario)
    instructor = InstructorFactory(facility=scenario.facility, cohort_learners=[scenario.learner])
    client.force_login(instructor)
    response = client.get("/petugas/pembeli/")
    [summary] = response.context["summaries"]
    assert (summary.answered, summary.average_score) == (1, 100)
    assert scenario.learner.registration_number in response.content.decode()

    detail = client.get(f"/petugas/pembeli/{scenario.pk}/")
    assert detail.status_code == 200
    assert "Halo kak, stok ada. Terima kasih" in detail.content.decode()


def test_officers_outside_the_scope_see_nothing(client, scenario):
    others = [
        InstructorFactory(facility=scenario.facility),  # same facility, does not teach the learner
        AdminFactory(facility=FacilityFactory()),
    ]
    for officer in others:
        client.force_login(officer)
        assert client.get("/petugas/pembeli/").context["summaries"] == []
        assert client.get(f"/petugas/pembeli/{scenario.pk}/").status_code == 404


def test_the_facility_admin_sees_every_learner_of_the_facility(client, scenario):
    client.force_login(AdminFactory(facility=scenario.facility))
    assert len(client.get("/petugas/pembeli/").context["summaries"]) == 1
