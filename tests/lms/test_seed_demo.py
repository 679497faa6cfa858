import pytest
from django.core.management import call_command

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage
from courses.quizzes.models import Quiz, QuizOption, QuizQuestion
from lms.accounts.models import Cohort, Facility, User
from sandbox_shop.buyers.models import BuyerMessage, BuyerScenario, PracticeOrder
from sandbox_shop.models import PracticeListing
from store.models import ProductPage


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Facility,
            User,
            Cohort,
            CoursePage,
            LessonPage,
            Quiz,
            QuizQuestion,
            QuizOption,
            Enrollment,
            PracticeListing,
            ProductPage,
            BuyerScenario,
            BuyerMessage,
            PracticeOrder,
        )
    }


@pytest.mark.django_db
def test_seed_demo_builds_the_demo_and_is_idempotent(client):
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first

    assert set(Facility.objects.values_list("code", flat=True)) == {"KLD", "NBL"}
    assert first["CoursePage"] == 3
    assert first["LessonPage"] >= 16
    assert first["Quiz"] >= 5
    assert not CoursePage.objects.filter(has_unpublished_changes=True).exists()
    assert not LessonPage.objects.filter(has_unpublished_changes=True).exists()
    listing = PracticeListing.objects.get()
    assert listing.status == PracticeListing.Status.PROMOTED
    assert listing.product.live
    assert listing.buyer_scenario.ready_at and (first["BuyerMessage"], first["PracticeOrder"]) == (5, 2)
    assert Certificate.objects.count() == 0

    response = client.post("/masuk/", {"facility": "KLD", "registration_number": "BI.001", "pin": "135790"})
    assert response.status_code == 302
    assert client.get("/toko/KLD/").status_code == 200
    assert listing.product.title in client.get("/toko/KLD/").content.decode()
    assert client.login(email="admin@kld.bekal.test", password="bekal-demo-2026")


@pytest.mark.django_db
def test_seed_demo_enrols_learners_in_their_courses_and_instructors_in_theirs():
    call_command("seed_demo")

    def enrolled(user):
        return set(Enrollment.objects.filter(learner=user).values_list("course__slug", flat=True))

    for learner in User.objects.filter(role=User.Role.LEARNER):
        assert enrolled(learner) == {"literasi-digital", "berjualan-online"}
    for instructor in User.objects.filter(role=User.Role.INSTRUCTOR):
        assert enrolled(instructor) == {"mendampingi-wbp-berjualan"}
    assert not Enrollment.objects.filter(learner__role=User.Role.FACILITY_ADMIN).exists()
    assert all(course.certificate_template_id for course in CoursePage.objects.all())
