import { Link } from 'react-router'
import { useClinicSlug } from './clinic-api.ts'
import { FAQ } from './content.ts'

export function FaqPage() {
  const { prefix } = useClinicSlug()
  return (
    <section aria-labelledby="faq-title">
      <h1 id="faq-title">Questions clients ask</h1>
      <div className="faq">
        {FAQ.map((f) => (
          <details key={f.id} id={f.id}>
            <summary>{f.question}</summary>
            <p>{f.answer}</p>
          </details>
        ))}
      </div>
      <p>
        Anything else? Ask us at a <Link to={`${prefix}/book`}>free consultation</Link>.
      </p>
    </section>
  )
}
