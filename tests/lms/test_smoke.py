import pytest

from tests.factories import FacilityFactory, LearnerFactory, build_course


@pytest.mark.django_db
def test_learner_sign_in_and_see_course(client):
    course = build_course(lessons=2)
    learner = LearnerFactory(facility=FacilityFactory(code="KLD"))
    from courses.models import Enrollment

    Enrollment.objects.create(learner=learner, course=course)
    response = client.post(
        "/masuk/", {"facility": "KLD", "registration_number": learner.registration_number, "pin": "246810"}
    )
    assert response.status_code == 302
    assert response.url == "/belajar/"
    home = client.get("/belajar/")
    assert course.title in home.content.decode()
